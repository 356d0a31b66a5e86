package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.rules.support.PgRepack;
import dev.lockstep.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pg_repack rewrites of ban-blocking-table-rewrite, run as printed (the SQL steps in a session,
 * the command line in a shell) against PostgreSQL 15 with Debian's postgresql-15-repack: the table is
 * rebuilt (new files) with its rows, while another session's reads and writes, each with a short
 * lock_timeout, keep succeeding the whole time.
 */
class RepackOnPostgresTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);
  /** Debian's package puts the client beside the server it was built for. */
  private static final Path CLIENT = Path.of("/usr/lib/postgresql/15/bin/pg_repack");

  private static PostgresServer server() {
    PostgresServer server = PostgresServer.of(15);
    if (!Files.isExecutable(CLIENT)) {
      String problem = "pg_repack is not installed (Debian: apt-get install postgresql-15-repack)";
      if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
      System.err.println("SKIPPED: " + problem);
      assumeTrue(false, problem);
    }
    return server;
  }

  private static Rewrite rewrite(String sql) {
    FileResult r = LINTER.lint(SourceFile.of("V2__maintenance.sql", "SET lock_timeout = '2s';\n" + sql + "\n"));
    Finding f = r.findings().stream().filter(x -> x.ruleId().equals("ban-blocking-table-rewrite")).findFirst()
        .orElseThrow(() -> new AssertionError("not flagged: " + sql));
    return f.rewrite();
  }

  /** Runs the SQL steps in a session and the shell step in a shell; returns the running shell. */
  private static Process start(PostgresServer server, String database, Connection c, Rewrite rewrite) throws Exception {
    Process shell = null;
    for (Rewrite.Step step : rewrite.steps()) {
      if (step.shell()) {
        assertThat(RewritesRunOnPostgresTest.mode(step)).isNull(); // the generic rewrite test leaves it to this one
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", step.sql()).redirectErrorStream(true);
        pb.environment().put("PATH", CLIENT.getParent() + ":" + System.getenv("PATH"));
        pb.environment().put("PGHOST", "127.0.0.1");
        pb.environment().put("PGPORT", Integer.toString(server.port()));
        pb.environment().put("PGDATABASE", database);
        pb.environment().put("PGUSER", "postgres");
        shell = pb.start();
      } else {
        execute(c, step.sql());
      }
    }
    return shell;
  }

  private static String finish(Process shell) throws Exception {
    assertThat(shell.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void vacuumFullBecomesPgRepackWhileReadsAndWritesGoOn() throws Exception {
    Rewrite rewrite = rewrite("VACUUM FULL orders;");
    assertThat(rewrite.steps()).containsExactly(
        new Rewrite.Step(PgRepack.EXTENSION_STEP, "CREATE EXTENSION IF NOT EXISTS pg_repack;"),
        Rewrite.Step.shell(PgRepack.SHELL_STEP, "pg_repack --table=orders --no-order --wait-timeout=60 --no-kill-backend"));
    PostgresServer server = server();
    String database = server.createDatabase();
    try (Connection c = server.connect(database); Connection writer = server.connect(database);
         Connection reader = server.connect(database)) {
      execute(c, "CREATE TABLE orders (id bigint PRIMARY KEY, customer int NOT NULL, note text)");
      execute(c, "INSERT INTO orders SELECT g, g % 1000, repeat('x', 200) FROM generate_series(1, 400000) g");
      execute(c, "DELETE FROM orders WHERE id % 2 = 0"); // the bloat VACUUM FULL would remove
      String before = text(c, "SELECT pg_relation_filenode('orders')");
      execute(writer, "SET lock_timeout = '500ms'");
      execute(reader, "SET lock_timeout = '500ms'");
      AtomicBoolean repacking = new AtomicBoolean(true);
      AtomicInteger writes = new AtomicInteger();
      AtomicInteger reads = new AtomicInteger();
      AtomicLong slowest = new AtomicLong();
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      Thread writing = new Thread(() -> {
        for (long id = 1_000_001; repacking.get(); id++) {
          long start = System.nanoTime();
          try {
            execute(writer, "INSERT INTO orders VALUES (" + id + ", 7, 'during')");
            execute(writer, "UPDATE orders SET note = 'updated' WHERE id = " + (id % 400000 | 1));
            if (repacking.get()) writes.incrementAndGet();
          } catch (SQLException e) {
            errors.add(e.getMessage());
          }
          slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
      });
      Thread reading = new Thread(() -> {
        for (long id = 1; repacking.get(); id += 2) {
          try {
            text(reader, "SELECT note FROM orders WHERE id = " + (id % 400000));
            if (repacking.get()) reads.incrementAndGet();
          } catch (SQLException e) {
            errors.add(e.getMessage());
          }
        }
      });
      Process shell = start(server, database, c, rewrite);
      writing.start();
      reading.start();
      String output;
      try {
        output = finish(shell);
      } finally {
        repacking.set(false);
        writing.join();
        reading.join();
      }
      System.out.printf("pg_repack of orders: %d writes and %d reads went on meanwhile, slowest write %d ms%n",
          writes.get(), reads.get(), TimeUnit.NANOSECONDS.toMillis(slowest.get()));
      assertThat(output).contains("repacking table \"public.orders\"");
      assertThat(errors).isEmpty();
      assertThat(writes.get()).as("writes committed while pg_repack ran").isGreaterThan(50);
      assertThat(reads.get()).as("reads answered while pg_repack ran").isGreaterThan(50);
      assertThat(TimeUnit.NANOSECONDS.toMillis(slowest.get())).as("slowest write, ms").isLessThan(2000);
      assertThat(text(c, "SELECT pg_relation_filenode('orders')")).isNotEqualTo(before); // rebuilt
      assertThat(text(c, "SELECT count(*) FROM orders WHERE note = 'during'")).isEqualTo(
          text(c, "SELECT count(*) FROM orders WHERE id > 1000000"));
      assertThat(Long.parseLong(text(c, "SELECT count(*) FROM orders WHERE id <= 400000"))).isEqualTo(200000);
    }
  }

  @Test
  void setTablespaceBecomesPgRepackIntoThatTablespace() throws Exception {
    Rewrite rewrite = rewrite("ALTER TABLE attachments SET TABLESPACE fast_ssd;");
    assertThat(rewrite.steps().get(1).sql())
        .isEqualTo("pg_repack --table=attachments --no-order --tablespace=fast_ssd --wait-timeout=60 --no-kill-backend");
    PostgresServer server = server();
    String database = server.createDatabase();
    try (Connection c = server.connect(database)) {
      execute(c, "CREATE TABLE attachments (id bigint PRIMARY KEY, body text)");
      execute(c, "INSERT INTO attachments SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
      finish(start(server, database, c, rewrite));
      assertThat(text(c, "SELECT t.spcname FROM pg_class c JOIN pg_tablespace t ON t.oid = c.reltablespace "
          + "WHERE c.oid = 'attachments'::regclass")).isEqualTo("fast_ssd");
      assertThat(text(c, "SELECT count(*) FROM attachments")).isEqualTo("20000");
    }
  }

  @Test
  void clusterUsingMarksTheIndexThenPgRepackOrdersByIt() throws Exception {
    Rewrite rewrite = rewrite("CLUSTER \"Orders\" USING orders_created_at_idx;");
    assertThat(rewrite.steps()).containsExactly(
        new Rewrite.Step(PgRepack.EXTENSION_STEP, "CREATE EXTENSION IF NOT EXISTS pg_repack;"),
        new Rewrite.Step("its own transaction (brief SHARE UPDATE EXCLUSIVE)",
            "ALTER TABLE \"Orders\" CLUSTER ON orders_created_at_idx;"),
        Rewrite.Step.shell(PgRepack.SHELL_STEP, "pg_repack --table='\"Orders\"' --wait-timeout=60 --no-kill-backend"));
    PostgresServer server = server();
    String database = server.createDatabase();
    try (Connection c = server.connect(database)) {
      execute(c, "CREATE TABLE \"Orders\" (id bigint PRIMARY KEY, created_at int NOT NULL)");
      execute(c, "INSERT INTO \"Orders\" SELECT g, 20000 - g FROM generate_series(1, 20000) g");
      execute(c, "CREATE INDEX orders_created_at_idx ON \"Orders\" (created_at)");
      execute(c, "BEGIN");
      execute(c, rewrite.steps().get(1).sql());
      assertThat(text(c, "SELECT string_agg(mode, ',') FROM pg_locks WHERE relation = '\"Orders\"'::regclass"))
          .isEqualTo("ShareUpdateExclusiveLock");
      execute(c, "ROLLBACK");
      finish(start(server, database, c, rewrite));
      // the rows now lie in the index's order: the first page holds the smallest created_at
      assertThat(text(c, "SELECT min(created_at) FROM \"Orders\" WHERE ctid < '(1,0)'")).isEqualTo("0");
    }
  }

  private static Rewrite rewriteAfter(String history, String sql) {
    SourceFile v1 = SourceFile.of("db/migration/V1__create.sql", history);
    SchemaModel before = LINTER.replay(List.of(new ReplayedMigration(v1,
        TransactionPlan.whole(history.length(), TransactionPlan.Mode.WRAPPED), false)));
    String text = "SET lock_timeout = '2s';\n" + sql + "\n";
    FileResult r = LINTER.lint(SourceFile.of("db/migration/V2__maintenance.sql", text),
        TransactionPlan.whole(text.length(), TransactionPlan.Mode.AUTOCOMMIT), before);
    return r.findings().stream().filter(x -> x.ruleId().equals("ban-blocking-table-rewrite")).findFirst()
        .orElseThrow().rewrite();
  }

  /** pg_repack skips a table without a key, with a warning and exit status 0: the rewrite says so where it knows. */
  @Test
  void aTableWithoutAKeyIsSkippedByPgRepackAndTheRewriteSaysSo() throws Exception {
    String history = "CREATE TABLE events (happened_at timestamptz NOT NULL, payload text);\n"
        + "CREATE TABLE tags (name text NOT NULL, note text);\nCREATE UNIQUE INDEX tags_name ON tags (name);\n";
    Rewrite keyless = rewriteAfter(history, "VACUUM FULL events;");
    assertThat(keyless.summary()).contains("give events neither a primary key nor a unique index on NOT NULL columns");
    Rewrite keyed = rewriteAfter(history, "VACUUM FULL tags;");
    assertThat(keyed.summary()).contains("Each table needs a primary key").doesNotContain("neither");
    assertThat(rewrite("VACUUM FULL orders;").summary()).contains("Each table needs a primary key");
    PostgresServer server = server();
    String database = server.createDatabase();
    try (Connection c = server.connect(database)) {
      execute(c, history);
      execute(c, "INSERT INTO events SELECT now(), 'x' FROM generate_series(1, 1000)");
      execute(c, "INSERT INTO tags SELECT 'tag' || g FROM generate_series(1, 1000) g");
      String events = text(c, "SELECT pg_relation_filenode('events')");
      String tags = text(c, "SELECT pg_relation_filenode('tags')");
      assertThat(finish(start(server, database, c, keyless))).contains("must have a primary key or not-null unique keys");
      assertThat(text(c, "SELECT pg_relation_filenode('events')")).isEqualTo(events); // skipped
      finish(start(server, database, c, keyed));
      assertThat(text(c, "SELECT pg_relation_filenode('tags')")).isNotEqualTo(tags); // rebuilt
    }
  }

  /** The rewrite says no server here has its own online rebuild: REPACK is not a command on any of them. */
  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("dev.lockstep.pg.PostgresServer#majors")
  void noServerHereHasARepackCommandOfItsOwn(int major) throws Exception {
    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      execute(c, "CREATE TABLE t (id int PRIMARY KEY)");
      assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> execute(c, "REPACK t"), SQLException.class)
          .getSQLState()).isEqualTo("42601"); // syntax error
    }
  }
}
