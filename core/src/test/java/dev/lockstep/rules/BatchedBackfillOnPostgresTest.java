package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched loop that ban-update-delete-without-where and ban-backfill-in-ddl-transaction print,
 * run as printed on every major: it changes exactly the rows the statement changes, each once, and
 * commits once per range of the primary key (the rows' xmin show one transaction per batch).
 */
class BatchedBackfillOnPostgresTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);

  static List<Integer> majors() {
    return PostgresServer.MAJORS;
  }

  private static SchemaModel history(String v1) {
    SourceFile f = SourceFile.of("db/migration/V1__create.sql", v1);
    return LINTER.replay(List.of(new ReplayedMigration(f, TransactionPlan.whole(v1.length(),
        TransactionPlan.Mode.WRAPPED), false)));
  }

  private static List<Finding> lint(SchemaModel before, String sql, TransactionPlan.Mode mode) {
    FileResult r = LINTER.lint(SourceFile.of("db/migration/V2__change.sql", sql),
        TransactionPlan.whole(sql.length(), mode), before);
    assertThat(r.syntaxErrors()).isEmpty();
    return r.findings();
  }

  private static Rewrite.Step onlyStep(List<Finding> findings, String rule, int line) {
    Finding f = findings.stream().filter(x -> x.ruleId().equals(rule) && x.start().line() == line).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " at line " + line + " in " + findings));
    assertThat(f.rewrite().steps()).hasSize(1);
    assertThat(RewritesRunOnPostgresTest.mode(f.rewrite().steps().get(0))).isEqualTo("outside");
    return f.rewrite().steps().get(0);
  }

  private static long number(Connection c, String query) throws SQLException {
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void run(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void aWholeTableUpdateRunsOncePerRowOneTransactionPerRange(int major) throws Exception {
    String v1 = "CREATE SCHEMA shop;\nCREATE TABLE shop.orders (id bigint PRIMARY KEY, total numeric NOT NULL, "
        + "cents bigint, touched int NOT NULL DEFAULT 0);\n";
    String v2 = "SET lock_timeout = '2s';\nUPDATE shop.orders o SET cents = o.total * 100, touched = o.touched + 1;\n";
    Finding finding = lint(history(v1), v2, TransactionPlan.Mode.AUTOCOMMIT).stream()
        .filter(f -> f.ruleId().equals("ban-update-delete-without-where")).findFirst().orElseThrow();
    assertThat(finding.rewrite().summary()).contains("shop.orders's primary key id").doesNotContain("assumed");
    Rewrite.Step step = onlyStep(List.of(finding), "ban-update-delete-without-where", 2);
    assertThat(step.sql()).isEqualTo("""
        DO $batch$
        DECLARE
          batch_start shop.orders.id%TYPE;
          batch_end shop.orders.id%TYPE;
        BEGIN
          SELECT id INTO batch_start FROM shop.orders ORDER BY id LIMIT 1;
          WHILE batch_start IS NOT NULL LOOP
            SELECT id INTO batch_end
              FROM (SELECT id FROM shop.orders WHERE id >= batch_start ORDER BY id LIMIT 10000) AS batch ORDER BY id DESC LIMIT 1;
            UPDATE shop.orders o SET cents = o.total * 100, touched = o.touched + 1
                 WHERE o.id BETWEEN batch_start AND batch_end;
            COMMIT;
            SELECT id INTO batch_start FROM shop.orders WHERE id > batch_end ORDER BY id LIMIT 1;
          END LOOP;
        END
        $batch$;""");
    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      run(c, v1);
      run(c, "INSERT INTO shop.orders (id, total) SELECT g * 3, g FROM generate_series(1, 25000) g");
      run(c, step.sql());
      assertThat(number(c, "SELECT count(*) FROM shop.orders WHERE touched = 1 AND cents = total * 100")).isEqualTo(25000);
      assertThat(number(c, "SELECT count(*) FROM shop.orders")).isEqualTo(25000);
      assertThat(number(c, "SELECT count(DISTINCT xmin::text) FROM shop.orders")).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void aBackfillAfterTheSchemaChangeKeepsItsWhereAndWalksATextKey(int major) throws Exception {
    String v1 = "CREATE TABLE accounts (code text PRIMARY KEY, email text, deleted boolean NOT NULL DEFAULT false);\n";
    String v2 = """
        BEGIN;
        SET LOCAL lock_timeout = '2s';
        ALTER TABLE accounts ADD COLUMN email_lower text;
        UPDATE accounts SET email_lower = lower(email) WHERE email IS NOT NULL OR code = 'k00001';
        DELETE FROM accounts WHERE deleted RETURNING code;
        COMMIT;
        """;
    List<Finding> findings = lint(history(v1), v2, TransactionPlan.Mode.AUTOCOMMIT);
    Rewrite.Step update = onlyStep(findings, "ban-backfill-in-ddl-transaction", 4);
    Rewrite.Step delete = onlyStep(findings, "ban-backfill-in-ddl-transaction", 5);
    assertThat(update.sql()).contains("batch_start accounts.code%TYPE;", "UPDATE accounts SET email_lower = lower(email) "
        + "WHERE (email IS NOT NULL OR code = 'k00001')\n           AND accounts.code BETWEEN batch_start AND batch_end;");
    assertThat(delete.sql()).contains("DELETE FROM accounts WHERE (deleted)\n           AND accounts.code BETWEEN "
        + "batch_start AND batch_end;").doesNotContain("RETURNING");
    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      run(c, v1);
      run(c, "INSERT INTO accounts SELECT 'k' || lpad(g::text, 5, '0'), CASE WHEN g % 4 <> 0 THEN 'User' || g || "
          + "'@Example.COM' END, g % 5 = 0 FROM generate_series(1, 12000) g");
      run(c, "ALTER TABLE accounts ADD COLUMN email_lower text");
      run(c, update.sql());
      assertThat(number(c, "SELECT count(*) FROM accounts WHERE email_lower = lower(email)")).isEqualTo(9000);
      assertThat(number(c, "SELECT count(*) FROM accounts WHERE email_lower IS NULL")).isEqualTo(3000);
      // 9000 matching rows, in two ranges of 10,000 keys: two transactions wrote them
      assertThat(number(c, "SELECT count(DISTINCT xmin::text) FROM accounts WHERE email_lower IS NOT NULL")).isEqualTo(2);
      run(c, delete.sql());
      assertThat(number(c, "SELECT count(*) FROM accounts")).isEqualTo(9600);
      assertThat(number(c, "SELECT count(*) FROM accounts WHERE deleted")).isZero();
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @MethodSource("majors")
  void aTableTheMigrationsDoNotCreateIsWalkedByAnAssumedIdColumn(int major) throws Exception {
    String v2 = "DELETE FROM sessions;\n";
    Finding finding = lint(SchemaModel.empty(), v2, TransactionPlan.Mode.AUTOCOMMIT).stream()
        .filter(f -> f.ruleId().equals("ban-update-delete-without-where")).findFirst().orElseThrow();
    assertThat(finding.rewrite().summary()).contains("its primary key is assumed to be id");
    Rewrite.Step step = onlyStep(List.of(finding), "ban-update-delete-without-where", 1);
    assertThat(step.sql()).contains("DELETE FROM sessions\n         WHERE sessions.id BETWEEN batch_start AND batch_end;");
    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      run(c, "CREATE TABLE sessions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id bigint)");
      run(c, "INSERT INTO sessions (user_id) SELECT g FROM generate_series(1, 15000) g");
      run(c, step.sql());
      assertThat(number(c, "SELECT count(*) FROM sessions")).isZero();
    }
  }
}
