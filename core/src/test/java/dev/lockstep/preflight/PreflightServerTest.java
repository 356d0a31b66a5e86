package dev.lockstep.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Severity;
import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.pg.EmbeddedPostgres;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.SourceFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Preflight against real PostgreSQL 15 and 18: each case sets the database up as production would look. */
class PreflightServerTest {
  @TempDir
  Path dir;

  static DatabaseAddress address(PostgresServer server, String database) {
    return DatabaseAddress.of(ConnectionSettings.parse("postgresql://postgres@127.0.0.1:" + server.port() + "/" + database));
  }

  static void sql(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : statements) s.execute(statement);
    }
  }

  static String one(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static LintReport lint(String path, String sql) {
    MigrationLinter linter = new MigrationLinter(LintOptions.defaults(), new PathRules(Config.NONE), null, false);
    return linter.lintAll(List.of(SourceFile.of(path, sql)), List.of());
  }

  static PreflightReport preflight(PostgresServer server, String db, LintReport lint, Thresholds limits) throws SQLException {
    DatabaseAddress address = address(server, db);
    try (Connection c = Sessions.readOnly(address)) {
      return Preflight.run(c, address.display(), lint, limits);
    }
  }

  /** A failed CREATE UNIQUE INDEX CONCURRENTLY on duplicate data leaves an INVALID index. */
  static void failedUniqueBuild(Connection c, String table, String index) throws SQLException {
    sql(c, "CREATE TABLE " + table + " (id int, email text)",
        "INSERT INTO " + table + " SELECT g, 'dup' FROM generate_series(1, 3) g");
    try {
      sql(c, "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + table + " (email)");
      throw new AssertionError("the build should fail on duplicates");
    } catch (SQLException expected) {
      assertThat(expected.getSQLState()).isEqualTo("23505");
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void invalidIndexIsReportedAndItsPrintedRemediationRunsInPsql(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    try (Connection c = server.connect(db)) {
      sql(c, "CREATE SCHEMA \"Sales Ops\"");
      failedUniqueBuild(c, "\"Sales Ops\".\"Order \"\"Items\"\"\"", "\"ïdx \"\"e\"\" ü\"");
      failedUniqueBuild(c, "public.users", "users_email_key");
      PreflightReport report = preflight(server, db, null, Thresholds.defaults());
      assertThat(report.invalidIndexes()).extracting(InvalidIndex::index)
          .containsExactly("\"Sales Ops\".\"ïdx \"\"e\"\" ü\"", "public.users_email_key");
      InvalidIndex users = report.invalidIndexes().get(1);
      assertThat(users.state()).isEqualTo(InvalidIndex.State.INVALID);
      assertThat(users.severity()).isEqualTo(Severity.ERROR);
      assertThat(users.table()).isEqualTo("public.users");
      assertThat(users.remediation()).containsExactly("SET lock_timeout = '5s';",
          "DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key;",
          "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON public.users USING btree (email);", "RESET lock_timeout;");
      assertThat(report.invalidIndexes().get(0).remediation()).contains(
          "CREATE UNIQUE INDEX CONCURRENTLY \"ïdx \"\"e\"\" ü\" ON \"Sales Ops\".\"Order \"\"Items\"\"\" USING btree (email);");
      assertThat(report.status()).isEqualTo(PreflightReport.Status.NOT_READY);

      // The duplicates are fixed; the remediation exactly as the text report prints it runs in psql.
      sql(c, "DELETE FROM \"Sales Ops\".\"Order \"\"Items\"\"\" WHERE id > 1", "DELETE FROM users WHERE id > 1");
      StringBuilder text = new StringBuilder();
      PreflightFormat.named("text").write(report, text);
      StringBuilder script = new StringBuilder();
      for (String line : text.toString().split("\n")) {
        String l = line.strip();
        if (l.startsWith("SET ") || l.startsWith("DROP ") || l.startsWith("CREATE ") && l.endsWith(";") || l.startsWith("RESET ")) {
          script.append(l).append('\n');
        }
      }
      assertThat(script.toString().lines()).hasSize(8);
      Path file = dir.resolve("remediation.sql");
      Files.writeString(file, script, StandardCharsets.UTF_8);
      EmbeddedPostgres.run(dir, List.of("/usr/lib/postgresql/15/bin/psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
          "-p", String.valueOf(server.port()), "-U", "postgres", "-d", db, "-f", file.toString()));
      assertThat(one(c, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
      assertThat(one(c, "SELECT indisunique FROM pg_index WHERE indexrelid = '\"Sales Ops\".\"ïdx \"\"e\"\" ü\"'::regclass"))
          .isEqualTo("t");
      assertThat(preflight(server, db, null, Thresholds.defaults()).status()).isEqualTo(PreflightReport.Status.READY);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void repairRebuildsTheIndexOneAtATimeAndRetriesAfterALockTimeout(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    try (Connection c = server.connect(db); Connection holder = server.connect(db)) {
      failedUniqueBuild(c, "users", "users_email_key");
      sql(c, "DELETE FROM users WHERE id > 1");
      PreflightReport before = preflight(server, db, null, Thresholds.defaults());
      // Another session holds a lock that DROP INDEX CONCURRENTLY waits for; it ends during the first retry pause.
      holder.setAutoCommit(false);
      sql(holder, "LOCK TABLE users IN SHARE UPDATE EXCLUSIVE MODE");
      CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(6_000);
          holder.commit();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      StringWriter progress = new StringWriter();
      List<IndexRepair.Outcome> outcomes;
      try (Connection writer = Sessions.repair(address(server, db))) {
        outcomes = new IndexRepair(3, 2_000, new PrintWriter(progress, true), dev.lockstep.i18n.Catalog.ENGLISH).repair(writer, before.invalidIndexes());
      }
      release.join();
      assertThat(outcomes).containsExactly(new IndexRepair.Outcome("public.users_email_key", true, 2, dev.lockstep.i18n.Text.of("rebuilt, valid")));
      assertThat(progress.toString()).startsWith("lockstep: repairing 1 of 1: public.users_email_key on public.users\n"
          + "  DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key;\n"
          + "  lock timeout at DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key; (attempt 1 of 3); again in 2000 ms, "
          + "from the DROP\n");
      assertThat(one(c, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_key'::regclass")).isEqualTo("t");
      assertThat(one(c, "SELECT lock_timeout FROM (SELECT current_setting('lock_timeout') AS lock_timeout) s")).isEqualTo("0");
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aBuildStillRunningIsInProgressNotInvalid(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    try (Connection c = server.connect(db); Connection writer = server.connect(db); Connection builder = server.connect(db)) {
      sql(c, "CREATE TABLE events (id int, kind text)");
      writer.setAutoCommit(false);
      sql(writer, "INSERT INTO events VALUES (1, 'a')"); // a long write transaction: the build waits for it
      CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
        try {
          sql(builder, "CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind)");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      for (int i = 0; i < 100 && one(c, "SELECT count(*) FROM pg_stat_progress_create_index").equals("0"); i++) Thread.sleep(50);
      PreflightReport report = preflight(server, db, null, Thresholds.defaults());
      assertThat(report.invalidIndexes()).hasSize(1);
      InvalidIndex running = report.invalidIndexes().get(0);
      assertThat(running.state()).isEqualTo(InvalidIndex.State.BUILD_IN_PROGRESS);
      assertThat(running.severity()).isEqualTo(Severity.WARNING);
      assertThat(running.remediation()).isEmpty();
      assertThat(running.build()).startsWith("CREATE INDEX CONCURRENTLY by pid ").contains(": waiting for writers before build");
      assertThat(report.status()).isEqualTo(PreflightReport.Status.READY);
      writer.commit();
      build.join();
      assertThat(preflight(server, db, null, Thresholds.defaults()).invalidIndexes()).isEmpty();
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aSessionHoldingALockOnATableTheMigrationAltersMakesItNotReadyUntilItEnds(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    LintReport lint = lint("db/V2__widen.sql", "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n");
    Finding finding = lint.findings().get(0);
    assertThat(finding.ruleId()).isEqualTo("ban-column-type-change");
    try (Connection c = server.connect(db); Connection other = server.connect(db)) {
      sql(c, "CREATE TABLE accounts (id int, balance int)", "INSERT INTO accounts SELECT g, g FROM generate_series(1, 1000) g",
          "ANALYZE accounts");
      sql(other, "SET application_name = 'billing-worker'");
      other.setAutoCommit(false);
      sql(other, "LOCK TABLE accounts IN SHARE MODE");
      PreflightReport blocked = preflight(server, db, lint, Thresholds.defaults());
      assertThat(blocked.status()).isEqualTo(PreflightReport.Status.NOT_READY);
      assertThat(blocked.sessions()).hasSize(1);
      BlockingSession s = blocked.sessions().get(0);
      assertThat(s.reason()).isEqualTo(BlockingSession.Reason.STRONG_LOCK);
      assertThat(s.application()).isEqualTo("billing-worker");
      assertThat(s.table()).isEqualTo("public.accounts");
      assertThat(s.query()).isEqualTo("LOCK TABLE accounts IN SHARE MODE");
      assertThat(s.describe().english()).matches("pid \\d+ \\(postgres, billing-worker\\) holds SHARE on public\\.accounts, transaction "
          + "open for \\d+ s; db/V2__widen\\.sql:2:1 \\[ban-column-type-change\\] needs ACCESS EXCLUSIVE, which waits for it");
      TableReport table = blocked.tables().get(0);
      assertThat(table.table()).isEqualTo("public.accounts");
      assertThat(table.estimatedRows()).isEqualTo(1000L);
      assertThat(table.impacts().get(0).text().english())
          .matches("rewrites accounts \\(\\d+ (bytes|kB), about 1,000 rows\\) under ACCESS EXCLUSIVE");
      other.commit();
      assertThat(preflight(server, db, lint, Thresholds.defaults()).status()).isEqualTo(PreflightReport.Status.READY);

      // Idle in a transaction that read the table: in the way once it has been open longer than the limit.
      sql(other, "SELECT count(*) FROM accounts");
      Thread.sleep(1_200);
      PreflightReport idle = preflight(server, db, lint, new Thresholds(500, 30_000, 1L << 30));
      assertThat(idle.sessions()).extracting(BlockingSession::reason).containsExactly(BlockingSession.Reason.IDLE_IN_TRANSACTION);
      assertThat(idle.sessions().get(0).state()).isEqualTo("idle in transaction");
      assertThat(idle.status()).isEqualTo(PreflightReport.Status.NOT_READY);
      // The same session is ordinary traffic under the default 5 s limit.
      assertThat(preflight(server, db, lint, Thresholds.defaults()).status()).isEqualTo(PreflightReport.Status.READY);
      other.rollback();
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void anInactivePhysicalSlotIsAWarning(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    String slot = "lockstep_test_slot_" + db;
    try (Connection c = server.connect(db)) {
      sql(c, "SELECT pg_create_physical_replication_slot('" + slot + "', true)");
      try {
        PreflightReport report = preflight(server, db, null, Thresholds.defaults());
        ReplicationWarning w = report.replication().stream().filter(r -> r.name().equals(slot)).findFirst().orElseThrow();
        assertThat(w.kind()).isEqualTo("slot");
        assertThat(w.active()).isFalse();
        assertThat(w.message().english()).startsWith("inactive physical replication slot '" + slot + "' retains ");
        assertThat(report.status()).isEqualTo(PreflightReport.Status.READY);
        assertThat(report.warningCount()).isEqualTo(1);
      } finally {
        sql(c, "SELECT pg_drop_replication_slot('" + slot + "')");
      }
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void theStatsSnapshotHoldsSizesIndexesAndAppliedMigrationsAndTurnsAFindingOnASmallTableIntoAHint(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    try (Connection c = server.connect(db)) {
      sql(c, "CREATE TABLE accounts (id int PRIMARY KEY, email text)",
          "INSERT INTO accounts SELECT g, 'secret-' || g FROM generate_series(1, 50) g",
          "CREATE TABLE orders (id int)", "INSERT INTO orders SELECT generate_series(1, 20000)", "ANALYZE",
          "CREATE TABLE flyway_schema_history (installed_rank int, version text, description text, script text, success bool)",
          "INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'V1__init.sql', true), (2, '2', 'broken', 'V2.sql', false)",
          "CREATE TABLE goose_db_version (id serial, version_id bigint, is_applied bool)",
          "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (2, false)",
          "CREATE SCHEMA drizzle", "CREATE TABLE drizzle.__drizzle_migrations (id serial, hash text, created_at bigint)",
          "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('abc123', 1700000000000)",
          "CREATE TABLE _prisma_migrations (id text, migration_name text, started_at timestamptz, finished_at timestamptz, "
              + "rolled_back_at timestamptz)",
          "INSERT INTO _prisma_migrations VALUES ('1', '20240101000000_init', now(), now(), NULL), "
              + "('2', '20240102000000_failed', now(), NULL, NULL), ('3', '20240103000000_undone', now(), now(), now())",
          "CREATE TABLE databasechangelog (id text, author text, filename text, orderexecuted int, exectype text)",
          "INSERT INTO databasechangelog VALUES ('1', 'ann', 'db/changelog.sql', 1, 'EXECUTED'), "
              + "('2', 'ann', 'db/changelog.sql', 2, 'FAILED')",
          "CREATE SCHEMA sqitch", "CREATE TABLE sqitch.changes (change_id text, change text, committed_at timestamptz)",
          "INSERT INTO sqitch.changes VALUES ('f00d', 'users', now())",
          "CREATE SCHEMA gm", "CREATE TABLE gm.schema_migrations (version bigint, dirty boolean)",
          "INSERT INTO gm.schema_migrations VALUES (7, true)",
          "CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY)",
          "INSERT INTO schema_migrations VALUES ('20240101120000'), ('20240102120000')");
      StatsSnapshot snapshot;
      try (Connection ro = Sessions.readOnly(address(server, db))) {
        snapshot = StatsReader.read(ro);
      }
      assertThat(snapshot.serverMajor()).isEqualTo(major);
      StatsSnapshot.Table accounts = snapshot.table("accounts");
      assertThat(accounts.estimatedRows()).isEqualTo(50L);
      assertThat(accounts.totalBytes()).isPositive();
      assertThat(accounts.indexes()).containsExactly(new StatsSnapshot.Index("accounts_pkey", true, true, true));
      assertThat(snapshot.appliedMigrations()).containsExactly(
          new StatsSnapshot.AppliedMigration("drizzle", "drizzle.__drizzle_migrations", "1700000000000", "abc123"),
          new StatsSnapshot.AppliedMigration("golang-migrate", "gm.schema_migrations", "7", null),
          new StatsSnapshot.AppliedMigration("prisma", "public._prisma_migrations", "20240101000000_init", null),
          new StatsSnapshot.AppliedMigration("liquibase", "public.databasechangelog", "1", "db/changelog.sql::1::ann"),
          new StatsSnapshot.AppliedMigration("flyway", "public.flyway_schema_history", "1", "init"),
          new StatsSnapshot.AppliedMigration("goose", "public.goose_db_version", "1", null),
          new StatsSnapshot.AppliedMigration("dbmate", "public.schema_migrations", "20240101120000", null),
          new StatsSnapshot.AppliedMigration("dbmate", "public.schema_migrations", "20240102120000", null),
          new StatsSnapshot.AppliedMigration("sqitch", "sqitch.changes", "f00d", "users"));
      assertThat(snapshot.notRead()).containsExactly("gm.schema_migrations: golang-migrate marks version 7 dirty (it "
          + "failed part-way)");
      String json = snapshot.toJson();
      assertThat(json).doesNotContain("secret-"); // no data values
      Path file = dir.resolve("lockstep-stats.json");
      snapshot.write(file);
      assertThat(StatsSnapshot.read(file)).isEqualTo(snapshot);

      LintReport lint = lint("V3__index.sql", "SET lock_timeout = '2s';\nCREATE INDEX accounts_email_idx ON accounts (email);\n"
          + "CREATE INDEX orders_id_idx ON orders (id);\n");
      assertThat(lint.findings()).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.ERROR);
      LintReport sized = SizedFindings.apply(lint, StatsSnapshot.read(file), SizedFindings.DEFAULT_SMALL_TABLE_ROWS);
      Finding small = sized.findings().get(0);
      assertThat(small.severity()).isEqualTo(Severity.HINT);
      assertThat(small.message()).endsWith(" (accounts has about 50 rows in the stats, below small-table-rows 10,000)");
      Finding big = sized.findings().get(1);
      assertThat(big.severity()).isEqualTo(Severity.ERROR);
      assertThat(big.message()).matches(".* \\(scans orders \\(\\d+ kB, about 20,000 rows\\) under SHARE\\)");
      assertThat(SizedFindings.apply(lint, snapshot, 10).findings().get(0).severity()).isEqualTo(Severity.ERROR);
    }
  }

  /** 10,000 tables: preflight reads catalogs for the tables it needs and answers; bench/preflight.sh measures how fast. */
  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15, 18})
  void aDatabaseWithTenThousandTablesStillAnswers(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    String db = server.createDatabase();
    try (Connection c = server.connect(db)) {
      for (int batch = 0; batch < 10; batch++) {
        sql(c, "DO $$ BEGIN FOR i IN " + (batch * 1000 + 1) + ".." + (batch + 1) * 1000 + " LOOP "
            + "EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v int)', i); END LOOP; END $$");
      }
      LintReport lint = lint("V9__widen.sql", "SET lock_timeout = '2s';\nALTER TABLE t5000 ALTER COLUMN id TYPE bigint;\n");
      long start = System.nanoTime();
      PreflightReport report = preflight(server, db, lint, Thresholds.defaults());
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.err.println("preflight on 10,000 tables, PostgreSQL " + major + ": " + millis + " ms");
      assertThat(report.status()).isEqualTo(PreflightReport.Status.READY);
      assertThat(report.tables()).extracting(TableReport::table).containsExactly("public.t5000");
    } finally {
      try (Connection c = server.connect("postgres")) {
        sql(c, "DROP DATABASE " + db); // 20,000 relation files would otherwise slow every later server stop
      }
    }
  }
}
