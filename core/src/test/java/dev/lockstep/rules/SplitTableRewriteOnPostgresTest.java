package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ban-drop-column's transitional sequence for a table split, run as printed: while the trigger is
 * in place, rows the running application writes to the old table (before, during and after the
 * batched copy) reach the new one, a row deleted while its batch is copied stays deleted, and the
 * later step leaves the columns only in the new table.
 */
class SplitTableRewriteOnPostgresTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);
  private static final String MIGRATION = "SET lock_timeout = '2s';\n"
      + "CREATE TABLE app.addresses (user_id bigint PRIMARY KEY, street text, city text);\n"
      + "INSERT INTO app.addresses (user_id, street, city) SELECT id, street, city FROM app.users WHERE true;\n"
      + "ALTER TABLE app.users DROP COLUMN street, DROP COLUMN city;\n";

  static List<Integer> majors() {
    return PostgresServer.MAJORS;
  }

  private static void run(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String text(Connection c, String query) throws SQLException {
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void writesToTheOldTableReachTheNewOneUntilTheColumnsMove(int major) throws Exception {
    List<Finding> findings = LINTER.lint(SourceFile.of("V7__split.sql", MIGRATION)).findings().stream()
        .filter(x -> x.ruleId().equals("ban-drop-column")).toList();
    assertThat(findings).hasSize(2);
    Rewrite rewrite = findings.get(0).rewrite();
    assertThat(findings.get(1).rewrite()).isEqualTo(rewrite);
    assertThat(rewrite.steps()).extracting(Rewrite.Step::runs).containsExactly(
        "the first migration: the new table",
        "the same migration: a trigger that keeps app.addresses in step with app.users",
        "then, outside a transaction block: copy the existing rows in batches",
        "deploy: the application reads and writes app.addresses",
        "a later migration, after every deploy reads and writes app.addresses");
    assertThat(rewrite.steps().get(0).sql())
        .isEqualTo("CREATE TABLE app.addresses (user_id bigint PRIMARY KEY, street text, city text);");
    assertThat(rewrite.steps().get(4).sql()).isEqualTo("DROP TRIGGER users_to_addresses ON app.users;\n"
        + "DROP FUNCTION app.users_to_addresses();\nALTER TABLE app.users DROP COLUMN street, DROP COLUMN city;");
    PostgresServer server = PostgresServer.of(major);
    String database = server.createDatabase();
    try (Connection c = server.connect(database)) {
      run(c, "CREATE SCHEMA app");
      run(c, "CREATE TABLE app.users (id bigint PRIMARY KEY, email text NOT NULL, street text, city text)");
      run(c, "INSERT INTO app.users SELECT g, 'u' || g, 's' || g, 'c' || g FROM generate_series(1, 25000) g");
      run(c, "BEGIN");
      run(c, rewrite.steps().get(0).sql());
      run(c, rewrite.steps().get(1).sql());
      run(c, "COMMIT");
      // the running application version, still on the old table, before the copy
      run(c, "INSERT INTO app.users VALUES (30001, 'new', 'new street', 'new city')");
      run(c, "UPDATE app.users SET city = 'moved' WHERE id = 1");
      run(c, "DELETE FROM app.users WHERE id = 2");
      // a delete in flight while the copy runs: the copy waits for it and does not bring the row back
      try (Connection other = server.connect(database)) {
        run(other, "BEGIN");
        run(other, "DELETE FROM app.users WHERE id = 6");
        CompletableFuture<Void> copy = CompletableFuture.runAsync(() -> {
          try {
            run(c, rewrite.steps().get(2).sql()); // autocommit: the DO block commits batch by batch
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (text(other, "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))").equals("0") && !copy.isDone()) {
          assertThat(System.nanoTime()).as("the copy waits for the delete").isLessThan(deadline);
          Thread.sleep(20);
        }
        run(other, "COMMIT");
        copy.get(60, TimeUnit.SECONDS);
      }
      // and after it
      run(c, "INSERT INTO app.users VALUES (30002, 'later', 'later street', 'later city')");
      run(c, "UPDATE app.users SET street = 'renumbered' WHERE id = 3");
      run(c, "UPDATE app.users SET id = 40000 WHERE id = 4");
      run(c, "DELETE FROM app.users WHERE id = 5");
      assertThat(text(c, "SELECT count(*) FROM app.addresses")).isEqualTo("24999");
      assertThat(text(c, "SELECT count(*) FROM app.users u FULL JOIN app.addresses a ON a.user_id = u.id "
          + "WHERE a.user_id IS NULL OR u.id IS NULL OR a.street IS DISTINCT FROM u.street "
          + "OR a.city IS DISTINCT FROM u.city")).isEqualTo("0");
      assertThat(text(c, "SELECT street || '/' || city FROM app.addresses WHERE user_id = 30001")).isEqualTo("new street/new city");
      assertThat(text(c, "SELECT city FROM app.addresses WHERE user_id = 1")).isEqualTo("moved");
      assertThat(text(c, "SELECT street FROM app.addresses WHERE user_id = 3")).isEqualTo("renumbered");
      assertThat(text(c, "SELECT count(*) FROM app.addresses WHERE user_id IN (2, 4, 5, 6)")).isEqualTo("0");
      assertThat(text(c, "SELECT street FROM app.addresses WHERE user_id = 40000")).isEqualTo("s4");
      run(c, "BEGIN");
      run(c, rewrite.steps().get(4).sql());
      run(c, "COMMIT");
      assertThat(text(c, "SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, ordinal_position) "
          + "FROM information_schema.columns WHERE table_schema = 'app'"))
          .isEqualTo("addresses.user_id,addresses.street,addresses.city,users.id,users.email");
      run(c, "INSERT INTO app.users VALUES (30003, 'after')"); // the trigger is gone with the columns
      assertThat(text(c, "SELECT count(*) FROM app.addresses")).isEqualTo("24999");
    }
  }
}
