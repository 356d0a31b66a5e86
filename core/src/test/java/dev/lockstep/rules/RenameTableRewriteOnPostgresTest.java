package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ban-rename-table's transitional sequence, run as printed: after the switch, code that still uses
 * the old name reads, inserts, updates and deletes through the compatibility view, and every change
 * lands in the renamed table; the later step drops the old name.
 */
class RenameTableRewriteOnPostgresTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("dev.lockstep.pg.PostgresServer#majors")
  void theOldNameKeepsWorkingUntilTheLaterStepDropsIt(int major) throws Exception {
    String sql = "SET lock_timeout = '2s';\nALTER TABLE billing.accounts RENAME TO customers;\n";
    Finding f = LINTER.lint(SourceFile.of("V5__rename.sql", sql)).findings().stream()
        .filter(x -> x.ruleId().equals("ban-rename-table")).findFirst().orElseThrow();
    Rewrite rewrite = f.rewrite();
    // compared as read (label in English, SQL): a label's template and arguments are how it is stored
    assertThat(rewrite.steps()).extracting(Rewrite.Step::runs, Rewrite.Step::sql).containsExactly(
        tuple("one migration, one transaction", "BEGIN;\nSET LOCAL lock_timeout = '2s';\n"
            + "ALTER TABLE billing.accounts RENAME TO customers;\nCREATE VIEW billing.accounts AS SELECT * FROM "
            + "billing.customers;\nCOMMIT;"),
        tuple("a later migration, after every deploy uses billing.customers", "DROP VIEW billing.accounts;"));
    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      execute(c, "CREATE SCHEMA billing");
      execute(c, "CREATE TABLE billing.accounts (id bigint PRIMARY KEY, email text NOT NULL)");
      execute(c, "INSERT INTO billing.accounts SELECT g, 'user' || g FROM generate_series(1, 100) g");
      execute(c, rewrite.steps().get(0).sql());
      // the running application version, still on the old name
      execute(c, "INSERT INTO billing.accounts (id, email) VALUES (101, 'new') ON CONFLICT (id) DO NOTHING");
      execute(c, "UPDATE billing.accounts SET email = 'changed' WHERE id = 1");
      execute(c, "DELETE FROM billing.accounts WHERE id = 2");
      assertThat(text(c, "SELECT count(*) FROM billing.accounts")).isEqualTo("100");
      assertThat(text(c, "SELECT email FROM billing.customers WHERE id = 101")).isEqualTo("new");
      assertThat(text(c, "SELECT email FROM billing.customers WHERE id = 1")).isEqualTo("changed");
      assertThat(text(c, "SELECT count(*) FROM billing.customers WHERE id = 2")).isEqualTo("0");
      execute(c, rewrite.steps().get(1).sql());
      assertThat(catchThrowableOfType(() -> text(c, "SELECT count(*) FROM billing.accounts"), SQLException.class)
          .getSQLState()).isEqualTo("42P01"); // undefined table: the old name is gone
      assertThat(text(c, "SELECT count(*) FROM billing.customers")).isEqualTo("100");
    }
  }
}
