package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.pg.Measurement;
import dev.lockstep.pg.MigrationRunner;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.TransactionState;

/**
 * The safe rewrite every finding shows, run on a real server in place of the statement it flags:
 * each step runs as its label says (in a transaction of its own, or outside any), succeeds, and
 * reads or rewrites tables only under locks that let writes go on, unless its label says writes
 * wait (a maintenance window). Rewrites with steps a human must write (application deploys,
 * printed statements, column fragments, a backfill value) are not run.
 */
class RewritesRunOnPostgresTest {
  private static final SqlParser PARSER = new SqlParser();

  static Stream<Arguments> fixtures() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Fixture f : Fixture.all().filter(Fixture::bad).toList()) {
      Path setup = f.path().resolveSibling(f.path().getFileName().toString().replace(".sql", ".setup.sql"));
      if (!Files.exists(setup)) continue; // the fixture states no lock facts (see LockFactsOnPostgresTest)
      for (int major : PostgresServer.MAJORS) out.add(Arguments.of(f, major));
    }
    return out.stream();
  }

  /** How a step runs, from its label; null for a step lockstep cannot run for the user. */
  static String mode(Rewrite.Step step) {
    String runs = step.runs();
    if (runs.contains("deploy:") || runs.startsWith("prints") || runs.contains(": prints") || runs.contains("column definition")
        || runs.startsWith("only if") || runs.startsWith("migration ") || runs.contains("then backfill")) {
      return null;
    }
    return runs.contains("outside a transaction block") ? "outside" : "transaction";
  }

  @ParameterizedTest(name = "{0} on PostgreSQL {1}")
  @MethodSource("fixtures")
  void rewritesRunUnderLocksThatLetWritesGoOn(Fixture f, int major) throws Exception {
    LintOptions fixture = f.options();
    assumeTrue(fixture.pgVersion() >= PostgresServer.MAJORS.get(0), "rewrites for PostgreSQL " + fixture.pgVersion());
    LintOptions options = new LintOptions(major, fixture.assumeInTransaction(), fixture.enabled(), fixture.disabled(),
        fixture.maxLockTimeoutMillis());
    FileResult result = new Linter(Rules.all(), options, PARSER).lint(SourceFile.of(f.path().toString(), f.sql()));
    Path setupFile = f.path().resolveSibling(f.path().getFileName().toString().replace(".sql", ".setup.sql"));
    String setup = Files.readString(setupFile);
    List<Statement> statements = PARSER.parse(result.source()).statements();
    PostgresServer server = PostgresServer.of(major);
    List<String> wrong = new ArrayList<>();
    int ran = 0;
    for (Finding x : result.findings()) {
      if (x.rewrite() == null || x.rewrite().steps().stream().anyMatch(s -> mode(s) == null && !s.runs().startsWith("only if"))) {
        continue;
      }
      try (Connection c = server.connect(server.createDatabase())) {
        MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), setup), null, false));
        // What the migration did before the flagged statement, then the rewrite instead of it.
        for (Statement s : statements) {
          if (s.enclosingIndex() >= 0) continue;
          if (s.span().end() >= x.span().start()) break;
          ServerStatements.tolerant(c, s);
        }
        if (ServerStatements.state(c) != TransactionState.IDLE) ServerStatements.execute(c, "COMMIT");
        String where = f.path() + ":" + x.start() + " " + x.ruleId() + " on PostgreSQL " + major + ": ";
        for (Rewrite.Step step : x.rewrite().steps()) {
          String mode = mode(step);
          if (mode == null) continue;
          boolean inTransaction = mode.equals("transaction");
          if (inTransaction) ServerStatements.execute(c, "BEGIN");
          for (Statement s : PARSER.parse(SourceFile.of("rewrite", step.sql())).statements()) {
            Measurement.Before before = inTransaction ? Measurement.before(c) : null;
            try {
              ServerStatements.execute(c, s);
            } catch (SQLException e) {
              wrong.add(where + "the rewrite step '" + step.runs() + "' fails: " + e.getMessage().lines().findFirst()
                  .orElse("") + " [" + s.text() + "]");
              break;
            }
            if (before == null) continue;
            Measurement m = Measurement.after(c, before);
            for (Long table : m.scanned().isEmpty() ? m.rewritten() : m.scanned()) {
              LockMode held = m.locks().get(table);
              // a step may stop writes only where its label says so (a maintenance window, "writes ... wait")
              boolean announced = step.runs().contains("maintenance window") || step.runs().matches(".*writes .* wait.*");
              if (ServerStatements.writable(c, table) && held != null && held.blocksWrites() && !announced) {
                wrong.add(where + "the rewrite step '" + step.runs() + "' reads or rewrites " + m.names().get(table)
                    + " under " + held.sql() + " [" + s.text() + "]");
              }
            }
          }
          if (inTransaction) ServerStatements.execute(c, ServerStatements.state(c) == TransactionState.OPEN ? "COMMIT" : "ROLLBACK");
          if (!wrong.isEmpty()) break;
        }
        ran++;
      }
    }
    assertThat(wrong).isEmpty();
    assumeTrue(ran > 0, "no finding of this fixture has a rewrite lockstep can run");
  }
}
