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
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.pg.Measurement;
import dev.lockstep.pg.MigrationRunner;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.pg.Probes;
import dev.lockstep.pg.WaitingStatement;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
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
        || runs.startsWith("only if") || runs.startsWith("migration ") || runs.contains("then backfill")
        || step.shell()) { // a command line: RepackOnPostgresTest runs pg_repack's
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
      String database = server.createDatabase();
      try (Connection c = server.connect(database); Connection probe = server.connect(database)) {
        MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), setup), null, false));
        // What the migration did before the flagged statement, then the rewrite instead of it.
        for (Statement s : statements) {
          if (s.enclosingIndex() >= 0) continue;
          if (s.span().end() >= x.span().start()) break;
          ServerStatements.tolerant(c, s);
        }
        if (ServerStatements.state(c) != TransactionState.IDLE) ServerStatements.execute(c, "COMMIT");
        Long target = null; // the table the finding is about, where it exists: probed while each step runs
        if (x.lock() != null && !x.lock().locks().isEmpty()) target = LockFactsOnPostgresTest.oid(c, x.lock().locks().get(0).relation());
        String where = f.path() + ":" + x.start() + " " + x.ruleId() + " on PostgreSQL " + major + ": ";
        int stepNumber = 0;
        for (Rewrite.Step step : x.rewrite().steps()) {
          stepNumber++;
          String mode = mode(step);
          if (mode == null) continue;
          boolean inTransaction = mode.equals("transaction");
          if (inTransaction) ServerStatements.execute(c, "BEGIN");
          int statementNumber = 0;
          for (Statement s : PARSER.parse(SourceFile.of("rewrite", step.sql())).statements()) {
            if (s.enclosingIndex() >= 0) continue; // a statement of a DO block runs with its block
            String order = f.path().getFileName() + "\t" + String.format("%05d\t%02d\t%02d", x.start().line(), stepNumber,
                ++statementNumber);
            if (!inTransaction) {
              try {
                if (target == null) {
                  ServerStatements.execute(c, s);
                } else if (dropsNothing(c, s)) {
                  // IF EXISTS of a relation that is not there (a leftover the step would remove): a notice, no lock
                  ServerStatements.execute(c, s);
                  record(x.ruleId(), order, step, s, "none: nothing of that name to drop", null, null, false, null, major);
                } else {
                  WaitingStatement w = WaitingStatement.run(server, database, c, s.text(), target);
                  if (!w.waited()) wrong.add(where + "the step '" + step.runs() + "' did not wait for the long query: "
                      + "its locks were not seen [" + s.text() + "]");
                  record(x.ruleId(), order, step, s, describe(w.tableLocks()), w.blocksReads(), w.blocksWrites(),
                      w.rewritten(), w.scanned(), major);
                }
              } catch (SQLException e) {
                wrong.add(fails(where, step, s, e));
                break;
              }
              continue;
            }
            Measurement.Before before = Measurement.before(c);
            Map<Long, String> kinds = relationKinds(c);
            try {
              ServerStatements.execute(c, s);
            } catch (SQLException e) {
              wrong.add(fails(where, step, s, e));
              break;
            }
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
            Boolean reads = target == null ? null : Probes.waits(probe, target, false);
            Boolean writes = target == null ? null : Probes.waits(probe, target, true);
            // SET lock_timeout, BEGIN and COMMIT take no locks of their own
            if (!s.node().kind().equals("VariableSetStmt") && !s.node().kind().equals("TransactionStmt")) {
              record(x.ruleId(), order, step, s, describe(tableLocks(c, kinds, m)), reads, writes, !m.rewritten().isEmpty(),
                  !m.scanned().isEmpty(), major);
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

  /** A DROP ... IF EXISTS whose relations do not exist: it does nothing and waits for nobody. */
  private static boolean dropsNothing(Connection c, Statement s) throws SQLException {
    if (!(s.node() instanceof Drop drop) || !drop.ifExists()) return false;
    for (List<String> parts : drop.objects()) {
      String name = parts.stream().map(Identifiers::quote).collect(java.util.stream.Collectors.joining("."));
      if (LockFactsOnPostgresTest.oid(c, name) != null) return false;
    }
    return true;
  }

  private static String fails(String where, Rewrite.Step step, Statement s, SQLException e) {
    return where + "the rewrite step '" + step.runs() + "' fails: " + e.getMessage().lines().findFirst().orElse("")
        + " [" + s.text() + "]";
  }

  // ---------------------------------------------------------------- the generated tables in rules/<id>.md

  private static final GeneratedDocSection DOCS = new GeneratedDocSection("RewritesRunOnPostgresTest",
      "safe rewrite", "The rewrite above, run by the test suite on a real server in place of the flagged statement, "
          + "after its fixture's setup. A step that runs in a transaction is measured inside it. A step that runs "
          + "outside a transaction block is measured while another session holds a long query's ACCESS SHARE lock and "
          + "snapshot on the table, as production traffic would: its locks are those it holds while it waits for "
          + "that query. \"Blocks\": a plain `SELECT` or an `UPDATE` of the table from another session waited.",
      "| step | statement | locks held | blocks reads | blocks writes | rewrites | scans | PostgreSQL |\n"
          + "|---|---|---|---|---|---|---|---|",
      "## Fix safety");

  private static void record(String rule, String order, Rewrite.Step step, Statement s, String locks, Boolean reads,
                             Boolean writes, boolean rewritten, Boolean scanned, int major) {
    DOCS.record(rule, order, "| " + step.runs().replace("|", "\\|") + " | " + GeneratedDocSection.code(s.text()) + " | "
        + locks + " | " + GeneratedDocSection.yesNo(reads) + " | " + GeneratedDocSection.yesNo(writes) + " | "
        + GeneratedDocSection.yesNo(rewritten) + " | " + GeneratedDocSection.yesNo(scanned) + " |", major);
  }

  /** The safe rewrite's measured locks, rewrites and scans in the doc of every rule that offers one. */
  @AfterAll
  static void docsShowTheMeasuredRewrites() throws Exception {
    DOCS.checkDocs();
  }

  /**
   * The locks held on tables, partitioned tables, views and materialized views (not indexes or sequences),
   * by name; {@code before} are the relation kinds from before the statement, so that a table it
   * dropped counts, and one it created is looked up.
   */
  private static Map<String, LockMode> tableLocks(Connection c, Map<Long, String> before, Measurement m)
      throws SQLException {
    Map<Long, String> now = before.keySet().containsAll(m.locks().keySet()) ? before : relationKinds(c);
    Map<String, LockMode> out = new TreeMap<>();
    for (var lock : m.locks().entrySet()) {
      String kind = before.getOrDefault(lock.getKey(), now.getOrDefault(lock.getKey(), "?"));
      if ("rpmv".contains(kind)) out.put(m.names().get(lock.getKey()), lock.getValue());
    }
    return out;
  }

  private static Map<Long, String> relationKinds(Connection c) throws SQLException {
    Map<Long, String> out = new java.util.HashMap<>();
    try (java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT oid, relkind FROM pg_class WHERE oid >= 16384")) {
      while (rs.next()) out.put(rs.getLong(1), rs.getString(2));
    }
    return out;
  }

  private static String describe(Map<String, LockMode> locks) {
    if (locks.isEmpty()) return "none";
    List<String> out = new ArrayList<>();
    locks.forEach((table, mode) -> out.add(mode.sql() + " on " + table));
    return String.join(", ", out);
  }
}
