package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lint with the history: one file alone sees its siblings, the cache follows the history, --changed-since, --pending-from. */
class HistoryLintTest {
  @TempDir
  Path dir;

  private Path write(String relative, String text) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private void recipe() throws Exception {
    write("db/V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
    write("db/V2__check.sql", "SET lock_timeout = '1s';\n"
        + "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;\n");
    write("db/V3__validate.sql", "SET lock_timeout = '1s';\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;\n");
    write("db/V4__not_null.sql", "SET lock_timeout = '1s';\nALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n");
  }

  @Test
  void aFileLintedAloneSeesItsSiblingsAndOnlyItsFindingsAreReported() throws Exception {
    recipe();
    write("db/V0_5__noisy.sql", "CREATE INDEX noisy ON elsewhere (x);\n");
    CliRunner.Result run = CliRunner.run("lint", "--format", "gcc", dir.resolve("db/V4__not_null.sql").toString());
    assertThat(run.out()).isEmpty();
    assertThat(run.code()).isZero();
    CliRunner.Result alone = CliRunner.run("lint", "--format", "gcc", "--no-history", dir.resolve("db/V4__not_null.sql").toString());
    assertThat(alone.out()).startsWith(dir.resolve("db/V4__not_null.sql") + ":2:1: error: SET NOT NULL on accounts.email");
    assertThat(alone.code()).isEqualTo(1);
  }

  @Test
  void theCacheNeverServesAVerdictMadeWithADifferentHistory() throws Exception {
    recipe();
    String v4 = dir.resolve("db/V4__not_null.sql").toString();
    String cache = dir.resolve("cache").toString();
    assertThat(CliRunner.run("lint", "--format", "gcc", "--cache-dir", cache, v4).code()).isZero();
    write("db/V3__validate.sql", "SET lock_timeout = '1s';\nSELECT 1;\n"); // no longer validates
    CliRunner.Result stale = CliRunner.run("lint", "--format", "gcc", "--cache-dir", cache, v4);
    assertThat(stale.out()).startsWith(v4 + ":2:1: error: SET NOT NULL on accounts.email");
    assertThat(stale.code()).isEqualTo(1);
    write("db/V3__validate.sql", "SET lock_timeout = '1s';\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;\n");
    assertThat(CliRunner.run("lint", "--format", "gcc", "--cache-dir", cache, v4).code()).isZero();
  }

  @Test
  void pendingFromOnTheCommandLineAndInTheConfig() throws Exception {
    write("db/V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n");
    write("db/V2__items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, sku text);\n");
    Path v3 = write("db/V3__indexes.sql", "SET lock_timeout = '1s';\nCREATE INDEX items_sku ON items (sku);\n"
        + "CREATE INDEX orders_total ON orders (total);\n");
    CliRunner.Result none = CliRunner.run("lint", "--format", "gcc", v3.toString());
    assertThat(none.out().lines().map(l -> l.substring(0, l.indexOf(": error"))).toList())
        .containsExactly(v3 + ":2:1", v3 + ":3:1");
    CliRunner.Result option = CliRunner.run("lint", "--format", "gcc", "--pending-from", "2", v3.toString());
    assertThat(option.out()).startsWith(v3 + ":3:1: error: CREATE INDEX on orders").hasLineCount(1);
    Path config = write("lockstep.toml", "pending-from = \"2_items\"\n");
    CliRunner.Result byName = CliRunner.run("lint", "--format", "gcc", "--config", config.toString(), v3.toString());
    assertThat(byName.code()).isEqualTo(2);
    assertThat(byName.out()).startsWith(v3 + ":1:1: error: pending-from '2_items' names no migration of this history");
    Path good = write("good/lockstep.toml", "pending-from = \"V2\"\n");
    assertThat(CliRunner.run("lint", "--format", "gcc", "--config", good.toString(), v3.toString()).out()).hasLineCount(1);
  }

  private void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void changedSinceMakesTheChangedMigrationsPendingAndAnIndexOnALiveTableStillFlags() throws Exception {
    git("init", "-q");
    write("db/V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n");
    git("add", "-A");
    git("commit", "-q", "-m", "deployed");
    git("checkout", "-q", "-b", "feature");
    write("db/V2__items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, sku text);\n");
    Path v3 = write("db/V3__indexes.sql", "SET lock_timeout = '1s';\nCREATE INDEX items_sku ON items (sku);\n"
        + "CREATE INDEX orders_total ON orders (total);\n");
    git("add", "-A");
    git("commit", "-q", "-m", "feature");
    CliRunner.Result run = CliRunner.run("lint", "--format", "gcc", "--changed-since", "main", dir.resolve("db").toString());
    assertThat(run.out()).isEqualTo(v3 + ":3:1: error: CREATE INDEX on orders takes a SHARE lock for the whole build: "
        + "INSERT, UPDATE and DELETE on orders wait until it finishes [require-concurrent-index]\n");
    assertThat(run.code()).isEqualTo(1);
  }

  @Test
  void aStatsSnapshotsAppliedListMakesTheRestPending() throws Exception {
    write("db/V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n");
    write("db/V2__items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, sku text);\n");
    Path v3 = write("db/V3__indexes.sql", "SET lock_timeout = '1s';\nCREATE INDEX items_sku ON items (sku);\n"
        + "CREATE INDEX orders_total ON orders (total);\n");
    // the database has applied V1 only: items is created by a pending migration, orders is live
    Path stats = write("stats.json", """
        {"format": "lockstep-stats", "version": 1, "takenAt": "2026-12-07T12:00:00Z",
         "server": {"version": "16.4", "major": 16}, "database": "app",
         "tables": [{"schema": "public", "name": "orders", "kind": "table", "estimatedRows": 2000000,
                     "totalBytes": 180000000, "indexes": []}],
         "appliedMigrations": [{"tool": "flyway", "table": "public.flyway_schema_history", "version": "1",
                                "name": "orders"}],
         "notRead": []}
        """);
    CliRunner.Result run = CliRunner.run("lint", "--format", "gcc", "--stats", stats.toString(), v3.toString());
    assertThat(run.out()).startsWith(v3 + ":3:1: error: CREATE INDEX on orders").hasLineCount(1);
    assertThat(run.code()).isEqualTo(1);
    // without the snapshot every earlier migration counts as applied: items is live too
    assertThat(CliRunner.run("lint", "--format", "gcc", v3.toString()).out()).hasLineCount(2);
    // the applied list wins over --pending-from, which would make V1 pending as well
    assertThat(CliRunner.run("lint", "--format", "gcc", "--stats", stats.toString(), "--pending-from", "1", v3.toString())
        .out()).startsWith(v3 + ":3:1: error: CREATE INDEX on orders").hasLineCount(1);
  }

  @Test
  void anEarlierMigrationThatIsAPipeIsAProblemNotAHang() throws Exception {
    write("db/changelog/db.changelog-master.yaml", """
        databaseChangeLog:
          - include:
              file: 001_pipe.sql
              relativeToChangelogFile: true
          - include:
              file: 002_users.sql
              relativeToChangelogFile: true
        """);
    Path pipe = dir.resolve("db/changelog/001_pipe.sql");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    Path v2 = write("db/changelog/002_users.sql", "SET lock_timeout = '1s';\nCREATE TABLE users (id bigint);\n");
    CliRunner.Result run = CliRunner.run("lint", "--format", "gcc", "--framework", "liquibase", v2.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("001_pipe.sql:1:1: error: earlier migration is a named pipe (FIFO), not a regular file; "
        + "verdicts for " + v2 + " fall back to the file alone");
  }

  @Test
  void aFolderLintedWholeGivesEachFileTheVerdictItGetsAlone() throws Exception {
    recipe();
    write("db/V5__widen.sql", "SET lock_timeout = '1s';\nALTER TABLE accounts ADD COLUMN note varchar(20);\n");
    Path v6 = write("db/V6__narrow.sql", "SET lock_timeout = '1s';\nALTER TABLE accounts ALTER COLUMN note TYPE varchar(10);\n");
    for (String jobs : List.of("1", "2")) {
      CliRunner.Result folder = CliRunner.run("lint", "--format", "gcc", "--jobs", jobs, dir.resolve("db").toString());
      assertThat(folder.out()).as("--jobs " + jobs).isEqualTo(CliRunner.run("lint", "--format", "gcc", v6.toString()).out());
      assertThat(folder.out()).startsWith(v6 + ":2:1:").hasLineCount(1);
    }
  }
}
