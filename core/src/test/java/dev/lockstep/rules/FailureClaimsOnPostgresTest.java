package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.pg.MigrationRunner;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.TransactionState;

/**
 * Rules whose finding is "PostgreSQL rejects this and the migration fails": every statement they
 * flag in their bad fixtures fails on a real server of each major, with the error the rule names.
 */
class FailureClaimsOnPostgresTest {
  /** Rule id to the SQLSTATE of the error its documentation quotes. */
  static final Map<String, String> FAILS_WITH = Map.of(
      "ban-concurrently-in-transaction", "25001", // active_sql_transaction: cannot run inside a transaction block
      "ban-enum-value-use-in-transaction", "55P04", // unsafe_new_enum_value_usage
      "require-default-for-not-null-column", "23502"); // not_null_violation: column ... contains null values
  private static final SqlParser PARSER = new SqlParser();

  static Stream<Arguments> fixtures() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Fixture f : Fixture.all().filter(Fixture::bad).filter(f -> FAILS_WITH.containsKey(f.ruleId())).toList()) {
      for (int major : PostgresServer.MAJORS) out.add(Arguments.of(f, major));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on PostgreSQL {1}")
  @MethodSource("fixtures")
  void flaggedStatementsFailAsTheRuleSays(Fixture f, int major) throws Exception {
    Path setupFile = f.path().resolveSibling(f.path().getFileName().toString().replace(".sql", ".setup.sql"));
    assertThat(setupFile).as("the fixture has a .setup.sql with the tables it touches").exists();
    LintOptions fixture = f.options();
    LintOptions options = new LintOptions(major, fixture.assumeInTransaction(), fixture.enabled(), fixture.disabled(),
        fixture.maxLockTimeoutMillis());
    FileResult result = new Linter(Rules.all(), options, PARSER).lint(SourceFile.of(f.path().toString(), f.sql()));
    String expected = FAILS_WITH.get(f.ruleId());

    PostgresServer server = PostgresServer.of(major);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (Connection c = server.connect(server.createDatabase())) {
      String setup = Files.readString(setupFile);
      MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), setup), null, false));
      for (Statement s : PARSER.parse(result.source()).statements()) {
        if (s.enclosingIndex() >= 0) continue;
        boolean flagged = false;
        for (Finding x : result.findings()) {
          flagged |= x.ruleId().equals(f.ruleId()) && x.span().start() >= s.span().start() && x.span().start() <= s.span().end();
        }
        if (!flagged) {
          ServerStatements.tolerant(c, s);
          continue;
        }
        boolean inTransaction = ServerStatements.state(c) != TransactionState.IDLE;
        if (inTransaction) ServerStatements.execute(c, "SAVEPOINT claim");
        String state = null;
        try {
          ServerStatements.execute(c, s);
        } catch (SQLException e) {
          state = e.getSQLState();
        }
        if (inTransaction) ServerStatements.execute(c, state == null ? "RELEASE SAVEPOINT claim" : "ROLLBACK TO SAVEPOINT claim");
        if (!expected.equals(state)) {
          wrong.add(f.path() + ":" + s.start() + " on PostgreSQL " + major + ": " + f.ruleId() + " says it fails with "
              + expected + ", the server " + (state == null ? "ran it" : "failed with " + state));
        }
        checked++;
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).as("flagged statements were run").isPositive();
  }
}
