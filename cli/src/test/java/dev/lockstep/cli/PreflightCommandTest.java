package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.pg.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockstep preflight, stats and lint --stats / --database-url through the command line, on a real
 * server: the system's PostgreSQL here (Debian's 15), PostgreSQL 18 in {@link PreflightCommandPg18Test}.
 */
class PreflightCommandTest {
  static final String PASSWORD = "p@ss w0rd/!%";
  static final String ENCODED = "p%40ss%20w0rd%2F%21%25";
  static EmbeddedPostgres server;
  static int major;

  @TempDir
  Path dir;

  @BeforeAll
  static void server() throws Exception {
    start(EmbeddedPostgres::findBinaries);
  }

  interface Binaries {
    Path find() throws IOException, InterruptedException;
  }

  /** Starts the server the tests use, or skips them (fails them under LOCKSTEP_REQUIRE_TOOLS=1) when it cannot start. */
  static void start(Binaries binaries) throws Exception {
    try {
      server = EmbeddedPostgres.start(binaries.find());
      major = Integer.parseInt(server.version().replaceAll(".*\\) (\\d+).*", "$1"));
    } catch (IOException e) {
      String problem = "no PostgreSQL server for preflight: " + e.getMessage();
      if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
      System.err.println("SKIPPED: " + problem);
      assumeTrue(false, problem);
    }
    // A role that logs in with a password (every other connection is trusted), without pg_read_all_stats.
    Path hba = server.dir().resolve("data").resolve("pg_hba.conf");
    Files.writeString(hba, "host all secretive 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
    sql("postgres", "CREATE ROLE secretive LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'", "SELECT pg_reload_conf()");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + server.port() + "/" + database;
  }

  static String secretUrl(String database, String password) {
    return "postgresql://secretive:" + password + "@127.0.0.1:" + server.port() + "/" + database;
  }

  static String newDatabase() throws Exception {
    String name = "preflight_" + Long.toHexString(System.nanoTime());
    sql("postgres", "CREATE DATABASE " + name);
    sql(name, "GRANT ALL ON SCHEMA public TO secretive");
    return name;
  }

  static void sql(String database, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(database)); Statement s = c.createStatement()) {
      for (String statement : statements) s.execute(statement);
    }
  }

  Path migration(String name, String text) throws IOException {
    Path folder = dir.resolve("db/migration");
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve(name), text);
  }

  @Test
  void exitsZeroWhenReadyOneWhenNotReady() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE accounts (id int, balance int)");
    Path v2 = migration("V2__widen.sql", "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n");
    CliRunner.Result ready = CliRunner.run("preflight", "--database-url", url(db), v2.toString());
    assertThat(ready.code()).as(ready.err()).isZero();
    assertThat(ready.out()).startsWith("lockstep preflight: postgresql://postgres@127.0.0.1:" + server.port() + "/" + db
        + ", PostgreSQL " + major + ".").contains(": ready (0 problems, 0 warnings)\n");
    assertThat(ready.out()).contains("\nTables the migrations lock\n  public.accounts: ");

    sql(db, "INSERT INTO accounts VALUES (1, 1), (2, 1)", "CREATE TABLE users (id int, email text)",
        "INSERT INTO users VALUES (1, 'a'), (2, 'a')");
    try {
      sql(db, "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)");
    } catch (java.sql.SQLException expected) {
      // duplicates: the index stays INVALID
    }
    CliRunner.Result notReady = CliRunner.run("preflight", "--database-url", url(db), "--format", "json", v2.toString());
    assertThat(notReady.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(notReady.out());
    assertThat(json.get("status").asText()).isEqualTo("not-ready");
    assertThat(json.at("/invalidIndexes/0/index").asText()).isEqualTo("public.users_email_key");

    // The repair writes, says so, and fails while the duplicates are there...
    CliRunner.Result failed = CliRunner.run("preflight", "--database-url", url(db), "--repair-invalid-indexes");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.err()).startsWith("lockstep: --repair-invalid-indexes writes to postgresql://postgres@127.0.0.1:"
        + server.port() + "/" + db + ": 1 INVALID index to drop and rebuild, one at a time\n"
        + "lockstep: repairing 1 of 1: public.users_email_key on public.users\n");
    assertThat(failed.out()).contains("\nRepairs\n  public.users_email_key: failed at CREATE UNIQUE INDEX CONCURRENTLY "
        + "users_email_key ON public.users USING btree (email); could not create unique index \"users_email_key\"");
    // ...and rebuilds the index once they are gone.
    sql(db, "DELETE FROM users WHERE id = 2");
    CliRunner.Result repaired = CliRunner.run("preflight", "--database-url", url(db), "--repair-invalid-indexes");
    assertThat(repaired.code()).as(repaired.out()).isZero();
    assertThat(repaired.out()).contains("\nRepairs\n  public.users_email_key: rebuilt, valid\n");
  }

  @Test
  void aTableTheDatabaseDoesNotHaveIsReportedAsNotInIt() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE accounts (id int, balance int)");
    Path v2 = migration("V2__mixed.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE elsewhere.public.ledger ALTER COLUMN amount TYPE bigint;\n"
        + "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n");
    CliRunner.Result r = CliRunner.run("preflight", "--database-url", url(db), v2.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("\n  public.ledger: not in the database (created by the migrations, or not on the "
        + "search_path)\n").contains("\n  public.accounts: about 0 rows, ").doesNotContain("Not checked");
    // the same check in Portuguese, and SARIF in Spanish with its language named
    CliRunner.Result pt = CliRunner.run("preflight", "--lang", "pt", "--database-url", url(db), v2.toString());
    assertThat(pt.code()).as(pt.out() + pt.err()).isZero();
    assertThat(pt.out()).startsWith("lockstep preflight: postgresql://postgres@127.0.0.1:" + server.port() + "/" + db
        + ", PostgreSQL ").contains(": pronto (0 problemas, 0 avisos)\nmigrações: 1 verificadas\n\nÍndices INVALID\n  nenhum\n")
        .contains("\n  public.ledger: não está no banco de dados (criada pelas migrações, ou fora do search_path)\n")
        .contains("\n  public.accounts: cerca de 0 linhas, ").contains("\nReplicação\n  nenhuma réplica atrasada, nenhum slot inativo\n")
        .doesNotContain("not in the database");
    CliRunner.Result es = CliRunner.run("preflight", "--lang", "es", "--format", "sarif", "--database-url", url(db),
        v2.toString());
    assertThat(es.code()).as(es.out() + es.err()).isZero();
    assertThat(es.out()).contains("\"language\" : \"es\"").contains("\"text\" : \"Algo no se pudo revisar\"");
  }

  /**
   * The history tables as drizzle-orm's migrator and Liquibase create and fill them (drizzle-orm
   * 0.45.4 stored these hashes for these files; Liquibase 4.33.0 these paths, ids and authors).
   */
  @Test
  void drizzleAndLiquibaseMigrationsTheirHistoryRecordsAreLeftOut() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE users (id int PRIMARY KEY, email text)",
        "CREATE SCHEMA IF NOT EXISTS drizzle",
        "CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)",
        "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) "
            + "VALUES ('c2671fd39a9e4d53ce77d1db9552e867a168fe231c905ae64a21a404fb9d7b9e', 1717000000000)",
        "CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename varchar(255) NOT NULL, "
            + "dateexecuted timestamp NOT NULL, orderexecuted int NOT NULL, exectype varchar(10) NOT NULL, md5sum varchar(35), "
            + "description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20), contexts varchar(255), "
            + "labels varchar(255), deployment_id varchar(10))",
        "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, liquibase) VALUES "
            + "('1', 'alice', 'db/changelog/sql/001_users.sql', now(), 1, 'EXECUTED', '4.33.0'), "
            + "('2', 'alice', 'db/changelog/sql/001_users.sql', now(), 2, 'EXECUTED', '4.33.0')");
    Path drizzle = Files.createDirectories(dir.resolve("drizzle/meta")).getParent();
    Files.writeString(drizzle.resolve("0000_init.sql"),
        "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"email\" text\n);\n");
    Files.writeString(drizzle.resolve("0001_email.sql"), "CREATE INDEX \"users_email_idx\" ON \"users\" USING btree (\"email\");");
    Files.writeString(drizzle.resolve("meta/_journal.json"), """
        {"version": "7", "dialect": "postgresql", "entries": [
          {"idx": 0, "version": "7", "when": 1717000000000, "tag": "0000_init", "breakpoints": true},
          {"idx": 1, "version": "7", "when": 1717000100000, "tag": "0001_email", "breakpoints": true}]}
        """);
    Path changelog = Files.createDirectories(dir.resolve("db/changelog/sql")).getParent();
    Files.writeString(changelog.resolve("db.changelog-master.yaml"), "databaseChangeLog:\n"
        + "  - includeAll:\n      path: db/changelog/sql/\n");
    Files.writeString(changelog.resolve("sql/001_users.sql"), "--liquibase formatted sql\n\n--changeset alice:1\n"
        + "CREATE TABLE users (id int PRIMARY KEY, email text);\n\n--changeset alice:2\n"
        + "CREATE INDEX users_email_idx ON users (email);\n");
    Files.writeString(changelog.resolve("sql/002_widen.sql"), "--liquibase formatted sql\n\n--changeset alice:3\n"
        + "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n");

    CliRunner.Result r = CliRunner.run("preflight", "--database-url", url(db), "--format", "json",
        drizzle.toString(), changelog.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.at("/migrations/checked")).extracting(JsonNode::asText)
        .satisfiesExactlyInAnyOrder(p -> assertThat(p).endsWith("0001_email.sql"), p -> assertThat(p).endsWith("002_widen.sql"));
    assertThat(json.at("/migrations/skipped")).hasSize(2);
    for (JsonNode skipped : json.at("/migrations/skipped")) {
      String path = skipped.path("path").asText();
      assertThat(skipped.path("reason").asText()).isEqualTo(path.endsWith("0000_init.sql")
          ? "already applied (drizzle.__drizzle_migrations)" : "already applied (public.databasechangelog)");
      assertThat(path).matches(".*(0000_init|001_users)\\.sql");
    }
  }

  @Test
  void migrationsTheHistoryTableRecordsAsAppliedAreLeftOut() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE accounts (id int, balance int)",
        "CREATE TABLE flyway_schema_history (installed_rank int, version text, description text, script text, success bool)",
        "INSERT INTO flyway_schema_history VALUES (1, '1', 'index', 'V1__index.sql', true)");
    migration("V1__index.sql", "SET lock_timeout = '2s';\nCREATE INDEX accounts_balance_idx ON accounts (balance);\n");
    migration("V2__note.sql", "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n");
    CliRunner.Result r = CliRunner.run("preflight", "--database-url", url(db), "--format", "json",
        dir.resolve("db/migration").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.at("/migrations/checked/0").asText()).endsWith("V2__note.sql");
    assertThat(json.at("/migrations/skipped/0/reason").asText()).isEqualTo("already applied (public.flyway_schema_history)");
    assertThat(json.at("/tables")).hasSize(1);
    assertThat(json.at("/tables/0/impacts/0/rule").asText()).isEqualTo("ban-column-type-change");
    CliRunner.Result text = CliRunner.run("preflight", "--database-url", url(db), dir.resolve("db/migration").toString());
    assertThat(text.out()).contains("\nmigrations: 1 checked, 1 already applied (not checked)\n");
  }

  @Test
  void theStatsSnapshotTurnsAFindingOnASmallTableIntoAHint() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE accounts (id int, email text)", "INSERT INTO accounts SELECT g, 'x' FROM generate_series(1, 50) g",
        "ANALYZE accounts");
    Path v3 = migration("V3__index.sql", "SET lock_timeout = '2s';\nCREATE INDEX accounts_email_idx ON accounts (email);\n");
    CliRunner.Result plain = CliRunner.run("lint", "--format", "gcc", v3.toString());
    assertThat(plain.code()).isEqualTo(1);
    assertThat(plain.out()).contains(":2:1: error: CREATE INDEX on accounts takes a SHARE lock");

    Path stats = dir.resolve("lockstep-stats.json");
    CliRunner.Result written = CliRunner.run("stats", "--database-url", url(db), "--output", stats.toString());
    assertThat(written.code()).as(written.err()).isZero();
    CliRunner.Result hinted = CliRunner.run("lint", "--format", "gcc", "--stats", stats.toString(), v3.toString());
    assertThat(hinted.code()).isZero(); // a hint is below the default fail level
    assertThat(hinted.out()).contains(":2:1: note: CREATE INDEX on accounts takes a SHARE lock")
        .contains(" (accounts has about 50 rows in the stats, below small-table-rows 10,000) [require-concurrent-index]");
    CliRunner.Result strict = CliRunner.run("lint", "--format", "gcc", "--stats", stats.toString(), "--small-table-rows", "10",
        v3.toString());
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.out()).contains("(scans accounts (").contains("about 50 rows) under SHARE) [require-concurrent-index]");
    // the database itself, read-only, gives the same
    CliRunner.Result live = CliRunner.run("lint", "--format", "gcc", "--database-url", url(db), v3.toString());
    assertThat(live.out()).isEqualTo(hinted.out());
    // and so does stats = "..." in lockstep.toml
    Path config = Files.writeString(dir.resolve("lockstep.toml"), "stats = \"lockstep-stats.json\"\nsmall-table-rows = 100\n");
    CliRunner.Result configured = CliRunner.run("lint", "--format", "gcc", "--config", config.toString(), v3.toString());
    assertThat(configured.out()).contains(" below small-table-rows 100) [require-concurrent-index]");
    CliRunner.Result bad = CliRunner.run("lint", "--stats", v3.toString(), v3.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("lockstep: --stats: " + v3 + ": not a lockstep stats snapshot");
  }

  @Test
  void aRoleWithoutPgReadAllStatsIsToldWhatCouldNotBeChecked() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE accounts (id int, balance int)", "GRANT SELECT ON accounts TO secretive");
    Path v2 = migration("V2__widen.sql", "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n");
    try (Connection other = DriverManager.getConnection(server.jdbcUrl(db)); Statement s = other.createStatement()) {
      other.setAutoCommit(false);
      s.execute("SELECT count(*) FROM accounts"); // ACCESS SHARE, held by a session the role may not look into
      CliRunner.Result r = CliRunner.run("preflight", "--database-url", secretUrl(db, ENCODED), v2.toString());
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("warning: pid ").contains("(state and age hidden from this role) holds ACCESS SHARE on "
          + "public.accounts; " + v2 + ":2:1 [ban-column-type-change] needs ACCESS EXCLUSIVE")
          .contains("\nNot checked\n  how long other roles' sessions holding locks on these tables have been in their "
              + "transactions (hidden: grant pg_read_all_stats to see them)\n");
      other.rollback();
    }
  }

  @Test
  void anotherRolesBuildInProgressCannotBeToldApartAndIsNotCalledGarbage() throws Exception {
    String db = newDatabase();
    sql(db, "CREATE TABLE events (id int, kind text)");
    try (Connection writer = DriverManager.getConnection(server.jdbcUrl(db));
         Connection builder = DriverManager.getConnection(server.jdbcUrl(db)); Statement w = writer.createStatement()) {
      writer.setAutoCommit(false);
      w.execute("INSERT INTO events VALUES (1, 'a')"); // the build waits for this transaction
      var build = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try (Statement b = builder.createStatement()) {
          b.execute("CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind)");
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      for (int i = 0; i < 100; i++) {
        try (Statement s = writer.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM pg_stat_progress_create_index")) {
          rs.next();
          if (rs.getInt(1) > 0) break;
        }
        Thread.sleep(50);
      }
      CliRunner.Result hidden = CliRunner.run("preflight", "--database-url", secretUrl(db, ENCODED), "--format", "json");
      assertThat(hidden.code()).as(hidden.out() + hidden.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(hidden.out());
      assertThat(json.at("/invalidIndexes/0/state").asText()).isEqualTo("unknown");
      assertThat(json.at("/invalidIndexes/0/severity").asText()).isEqualTo("warning");
      assertThat(json.at("/notChecked").toString()).contains("whether the INVALID indexes are being built right now");
      CliRunner.Result repair = CliRunner.run("preflight", "--database-url", secretUrl(db, ENCODED), "--repair-invalid-indexes");
      assertThat(repair.out()).contains("public.events_kind_idx: not touched: this role cannot see whether a build of it is running");
      CliRunner.Result privileged = CliRunner.run("preflight", "--database-url", url(db), "--format", "json");
      assertThat(new ObjectMapper().readTree(privileged.out()).at("/invalidIndexes/0/state").asText())
          .isEqualTo("build-in-progress");
      writer.commit();
      build.join();
    }
  }

  @Test
  void connectionProblemsAreOneLineExitTwoAndNeverShowThePassword() throws Exception {
    String db = newDatabase();
    CliRunner.Result wrong = CliRunner.run("preflight", "--database-url", secretUrl(db, "n0t%20" + ENCODED));
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.out()).isEmpty();
    assertThat(wrong.err()).isEqualTo("lockstep: postgresql://secretive@127.0.0.1:" + server.port() + "/" + db
        + ": password authentication failed for user \"secretive\"\n");
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    for (String url : new String[] {
        "postgresql://secretive:" + ENCODED + "@127.0.0.1:" + closed + "/" + db,
        "postgresql://secretive@127.0.0.1:" + closed + "/" + db + "?password=" + ENCODED,
        "postgresql://secretive:" + ENCODED + "@127.0.0.1:notaport/" + db,
        "host=127.0.0.1 port=" + closed + " user=secretive password='" + PASSWORD + "'"}) {
      for (String command : new String[] {"preflight", "stats"}) {
        CliRunner.Result r = CliRunner.run(command, "--database-url", url);
        assertThat(r.code()).as(url).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSizeBetween(1, 2);
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain(ENCODED).doesNotContain("w0rd");
      }
      CliRunner.Result lint = CliRunner.run("lint", "--database-url", url, migration("V1__a.sql", "SELECT 1;\n").toString());
      assertThat(lint.code()).isEqualTo(2);
      assertThat(lint.out() + lint.err()).doesNotContain(PASSWORD).doesNotContain(ENCODED).doesNotContain("w0rd");
    }
    CliRunner.Result unreachable = CliRunner.run("preflight", "--database-url", "postgresql://x@127.0.0.1:" + closed + "/x");
    assertThat(unreachable.err()).startsWith("lockstep: postgresql://x@127.0.0.1:" + closed + "/x: ")
        .contains("refused").hasLineCount(1);
  }

  @Test
  void theSessionIsReadOnlyAndNamesItself() throws Exception {
    String db = newDatabase();
    try (Connection c = dev.lockstep.preflight.Sessions.readOnly(dev.lockstep.preflight.DatabaseAddress.of(
        dev.lockstep.pg.ConnectionSettings.parse(url(db)))); Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT current_setting('default_transaction_read_only'), current_setting('statement_timeout'), "
          + "current_setting('lock_timeout'), current_setting('application_name')");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("on");
      assertThat(rs.getString(2)).isEqualTo("10s");
      assertThat(rs.getString(3)).isEqualTo("1s");
      assertThat(rs.getString(4)).isEqualTo("lockstep preflight");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("CREATE TABLE t (id int)"))
          .hasMessageContaining("read-only transaction");
    }
  }
}
