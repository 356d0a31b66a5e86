package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool on real commits: a hook
 * repository holding this checkout's hook file and launcher, and a project that uses it.
 */
class PreCommitHookIT {
  @TempDir
  Path tmp;
  Path hooks;
  Path project;
  String rev;

  @BeforeEach
  void hookRepository() throws Exception {
    Shell.requireTool("pre-commit", "Debian package pre-commit");
    hooks = tmp.resolve("lockstep-hooks");
    Shell.initRepo(hooks);
    Files.copy(Path.of(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
    Files.copy(Path.of("lockstep"), hooks.resolve("lockstep"), StandardCopyOption.COPY_ATTRIBUTES);
    Shell git = new Shell(hooks);
    git.ok("git", "add", "-A");
    git.ok("git", "commit", "-q", "-m", "hooks");
    rev = git.ok("git", "rev-parse", "HEAD").strip();
    project = tmp.resolve("project");
    Shell.initRepo(project);
  }

  private Shell shell() {
    return new Shell(project).env("PRE_COMMIT_HOME", tmp.resolve("cache").toString());
  }

  private void useHook(String id) throws Exception {
    Files.writeString(project.resolve(".pre-commit-config.yaml"), "repos:\n"
        + "  - repo: " + hooks.toUri() + "\n"
        + "    rev: " + rev + "\n"
        + "    hooks:\n"
        + "      - id: " + id + "\n");
    shell().ok("git", "add", ".pre-commit-config.yaml");
    shell().ok("pre-commit", "install");
  }

  private Path migration(String path, String sql) throws Exception {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sql);
    shell().ok("git", "add", "-A");
    return file;
  }

  @Test
  void anUnsafeMigrationBlocksTheCommit() throws Exception {
    useHook("lockstep");
    migration("db/migrations/V2__index_orders.sql", "SET lock_timeout = '2s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Shell.Result commit = shell().run("git", "commit", "-m", "index orders");
    assertThat(commit.exit()).as(commit.output()).isEqualTo(1);
    assertThat(commit.output())
        .contains("lockstep (PostgreSQL migration safety)")
        .contains("Failed")
        .contains("db/migrations/V2__index_orders.sql:2:1: error [require-concurrent-index] CREATE INDEX on orders");
    assertThat(shell().run("git", "rev-parse", "--verify", "-q", "HEAD").exit()).as("no commit was made").isNotZero();
  }

  @Test
  void aSafeMigrationIsCommitted() throws Exception {
    useHook("lockstep");
    migration("db/migrations/V2__index_orders.sql",
        "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
    String out = shell().ok("git", "commit", "-m", "index orders");
    assertThat(out).containsPattern("lockstep \\(PostgreSQL migration safety\\)\\.+Passed");
    assertThat(shell().ok("git", "log", "--format=%s")).isEqualTo("index orders\n");
  }

  @Test
  void theFixHookRewritesTheMigrationAndStopsTheCommitForReview() throws Exception {
    useHook("lockstep-fix");
    // A psql script runs statement by statement, so CONCURRENTLY is a safe fix (Flyway's
    // transaction would need the index moved to a migration of its own).
    Path file = migration("migrations/0002_index_orders.sql",
        "SET lock_timeout = '2s';\n-- by customer\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Shell.Result commit = shell().run("git", "commit", "-m", "index orders");
    assertThat(commit.exit()).as(commit.output()).isEqualTo(1);
    assertThat(commit.output()).contains("files were modified by this hook");
    assertThat(Files.readString(file)).isEqualTo(
        "SET lock_timeout = '2s';\n-- by customer\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
    shell().ok("git", "add", "-A");
    shell().ok("git", "commit", "-m", "index orders");
    assertThat(shell().ok("git", "show", "HEAD:migrations/0002_index_orders.sql")).contains("CONCURRENTLY");
  }
}
