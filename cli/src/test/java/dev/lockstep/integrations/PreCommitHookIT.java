package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool on real commits, as a user
 * without Java or Maven has them: a hook repository holding this checkout's hook file and
 * package.json, and a project whose commits run it with neither java nor mvn on PATH and no
 * JAVA_HOME. pre-commit installs the hook with npm, and the lockstep npm package (the launcher and
 * this platform's package with its Java runtime) from the tarballs that {@code mvn -Pdist package}
 * wrote to target/npm/ instead of from the registry, npm working offline.
 */
class PreCommitHookIT {
  /** What a user's machine is assumed not to have. */
  static final Set<String> HIDDEN = Set.of("java", "javac", "jshell", "mvn", "mvnDebug", "mvnyjp");

  @TempDir
  static Path shared;
  static Path hooks;
  static String rev;
  static List<Path> tarballs;
  static Path bin;

  @TempDir
  Path tmp;
  Path project;

  @BeforeAll
  static void hookRepository() throws Exception {
    Shell.requireTool("pre-commit", "Debian package pre-commit");
    Shell.requireTool("npm", "Debian package npm");
    tarballs = npmTarballs();
    hooks = shared.resolve("lockstep-hooks");
    Shell.initRepo(hooks);
    Files.copy(Path.of(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
    Files.copy(Path.of("package.json"), hooks.resolve("package.json"));
    Shell git = new Shell(hooks);
    git.ok("git", "add", "-A");
    git.ok("git", "commit", "-q", "-m", "hooks");
    rev = git.ok("git", "rev-parse", "HEAD").strip();
    bin = pathWithout(shared.resolve("bin"));
  }

  /** target/npm's lockstep package and this platform's, newest first when several versions are there. */
  static List<Path> npmTarballs() throws Exception {
    Path dir = Path.of("target", "npm").toAbsolutePath();
    List<Path> launcher = new ArrayList<>();
    List<Path> platform = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted(Comparator.comparing(PreCommitHookIT::modified).reversed()).toList()) {
          String name = f.getFileName().toString();
          if (!name.startsWith("lockstep-") || !name.endsWith(".tgz")) continue;
          (name.matches("lockstep-(linux|darwin|win32)-.*") ? platform : launcher).add(f);
        }
      }
    }
    String message = "no npm packages in " + dir + " (mvn -B -DskipTests -Pdist package makes them): the pre-commit test cannot run";
    boolean found = !launcher.isEmpty() && !platform.isEmpty();
    if (!found && "1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(message);
    if (!found) System.err.println("SKIPPED: " + message);
    assumeTrue(found, message);
    return List.of(launcher.get(0), platform.get(0));
  }

  private static long modified(Path f) {
    return f.toFile().lastModified();
  }

  /** A folder of links to every command on PATH but Java's and Maven's, to be the whole PATH. */
  static Path pathWithout(Path bin) throws Exception {
    Files.createDirectories(bin);
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File[] entries = dir.isEmpty() ? null : new File(dir).listFiles();
      if (entries == null) continue;
      for (File f : entries) {
        Path link = bin.resolve(f.getName());
        if (HIDDEN.contains(f.getName()) || !f.canExecute() || f.isDirectory() || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
        Files.createSymbolicLink(link, f.toPath().toAbsolutePath());
      }
    }
    return bin;
  }

  @BeforeEach
  void project() throws Exception {
    project = tmp.resolve("project");
    Shell.initRepo(project);
  }

  private Shell shell() {
    return new Shell(project)
        .env("PRE_COMMIT_HOME", shared.resolve("cache").toString())
        .env("PATH", bin.toString())
        .env("npm_config_offline", "true")
        .env("npm_config_cache", shared.resolve("npm-cache").toString())
        .unset("JAVA_HOME")
        .unset("LOCKSTEP_JAR");
  }

  /** The user's configuration: repo, rev and id, and here the local packages in place of the registry's. */
  private void useHook(String id) throws Exception {
    Files.writeString(project.resolve(".pre-commit-config.yaml"), "repos:\n"
        + "  - repo: " + hooks.toUri() + "\n"
        + "    rev: " + rev + "\n"
        + "    hooks:\n"
        + "      - id: " + id + "\n"
        + "        additional_dependencies: [\"" + tarballs.get(0) + "\", \"" + tarballs.get(1) + "\"]\n");
    shell().ok("git", "add", ".pre-commit-config.yaml");
    shell().ok("pre-commit", "install");
  }

  @Test
  void noJavaOrMavenIsOnTheUsersPath() throws Exception {
    assertThat(shell().run("sh", "-c", "command -v java || command -v mvn || echo none").output()).isEqualTo("none\n");
    assertThat(shell().ok("sh", "-c", "command -v git && command -v node && command -v npm").lines()).hasSize(3);
  }

  @Test
  void theNodeHooksInstallTheReleasesOwnNpmPackage() throws Exception {
    String version = new ObjectMapper().readTree(Path.of("package.json").toFile()).get("version").asText();
    JsonNode manifest = new YAMLMapper().readTree(Path.of(".pre-commit-hooks.yaml").toFile());
    List<String> nodeHooks = new ArrayList<>();
    for (JsonNode hook : manifest) {
      if (!hook.get("language").asText().equals("node")) continue;
      nodeHooks.add(hook.get("id").asText());
      // A user's configuration names only repo, rev and id: the package comes from here.
      assertThat(hook.get("additional_dependencies").toString()).isEqualTo("[\"lockstep@" + version + "\"]");
    }
    assertThat(nodeHooks).containsExactly("lockstep", "lockstep-fix");
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
    // a psql script (statement by statement): Flyway would refuse SET beside CONCURRENTLY in one script
    migration("migrations/0002_index_orders.sql",
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
