package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.engine.Linter;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.FixSession;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.pg.Catalog;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture with fixed output, fixed the way `lockstep fix` does it (at the safe level, or the
 * unsafe level where it has an .unsafe.fixed.sql), runs on a real PostgreSQL of each major, in its
 * migration tool's transaction mode, after its .setup.sql created and filled the tables it touches,
 * and leaves the same schema as the original: same columns and types, constraints validated,
 * indexes valid.
 */
class FixedFixturesRunOnPostgresTest {
  private static final Pattern REQUIRES = Pattern.compile("(?m)^-- fixed output requires: PostgreSQL (\\d+)");
  /**
   * Runs a statement-by-statement migration; each statement a fix wrote or changed that can run in a
   * transaction is measured there: if it reads or rewrites a table with rows, it must do so without
   * a lock that stops writes to that table (the point of every rewrite lockstep offers). Statements
   * that cannot run in a transaction (CONCURRENTLY) take SHARE UPDATE EXCLUSIVE by PostgreSQL's design.
   */
  private static void runMeasuringTheFixes(Connection c, MigrationScript fixed, String original, int major)
      throws SQLException {
    java.util.Set<String> before = new java.util.HashSet<>();
    for (Statement s : PARSER.parse(SourceFile.of("original", original)).statements()) before.add(normalized(s.text()));
    for (Statement s : PARSER.parse(fixed.source()).statements()) {
      if (s.enclosingIndex() >= 0) continue;
      boolean touched = !before.contains(normalized(s.text()));
      if (!touched || s.node().kind().equals("TransactionStmt") || s.node().kind().equals("VariableSetStmt")) {
        ServerStatements.execute(c, s);
        continue;
      }
      ServerStatements.execute(c, "BEGIN");
      Measurement.Before snapshot = Measurement.before(c);
      try {
        ServerStatements.execute(c, s);
      } catch (SQLException e) {
        ServerStatements.execute(c, "ROLLBACK");
        if (!"25001".equals(e.getSQLState())) throw e;
        ServerStatements.execute(c, s); // outside a transaction block by design (CONCURRENTLY)
        continue;
      }
      Measurement m = Measurement.after(c, snapshot);
      for (Long table : union(m.scanned(), m.rewritten())) {
        if (!ServerStatements.writable(c, table)) continue; // a materialized view takes no writes to stop
        LockMode held = m.locks().get(table);
        assertThat(held == null || !held.blocksWrites())
            .as("the fix's statement at line %d (%s) reads or rewrites %s under %s on PostgreSQL %d", s.start().line(),
                s.text(), m.names().get(table), held == null ? "-" : held.sql(), major)
            .isTrue();
      }
      ServerStatements.execute(c, "COMMIT");
    }
  }

  private static java.util.Set<Long> union(java.util.Set<Long> a, java.util.Set<Long> b) {
    java.util.Set<Long> out = new java.util.TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static String normalized(String sql) {
    return sql.replaceAll("\\s+", " ").strip();
  }

  private static final Pattern ALSO_LEAVES = Pattern.compile("(?m)^-- the fix also leaves: (.*)$");
  private static final SqlParser PARSER = new SqlParser();

  static Stream<Arguments> fixedFixtures() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Fixture f : Fixture.all().toList()) {
      for (int major : PostgresServer.MAJORS) {
        if (f.fixed().isPresent()) out.add(Arguments.of(f, Applicability.SAFE, major));
        if (f.unsafeFixed().isPresent()) out.add(Arguments.of(f, Applicability.UNSAFE, major));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} on PostgreSQL {2}")
  @MethodSource("fixedFixtures")
  void fixedSqlRuns(Fixture f, Applicability level, int major) throws Exception {
    Path setupFile = f.path().resolveSibling(f.path().getFileName().toString().replace(".sql", ".setup.sql"));
    assertThat(setupFile).as("a fixture with fixed output has a .setup.sql with the schema it needs").exists();
    String setup = Files.readString(setupFile);
    Matcher requires = REQUIRES.matcher(setup);
    assumeTrue(!requires.find() || major >= Integer.parseInt(requires.group(1)),
        "the fixed SQL uses syntax of a newer major than " + major);

    Linter linter = new Linter(Rules.all(), f.options(), PARSER);
    SourceFile source = SourceFile.of(f.path().toString(), f.sql());
    FixSession.Outcome outcome = FixSession.run(source, level, linter::lint);
    assertThat(outcome.refused()).isNull();

    PostgresServer server = PostgresServer.of(major);
    Path path = f.path();
    List<String> fixedSchema;
    try (Connection c = server.connect(server.createDatabase())) {
      MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), setup), null, false));
      MigrationScript fixed = MigrationScript.of(path, SourceFile.of(path.toString(), outcome.text()), null, false);
      try {
        if (fixed.plan().regions().stream().allMatch(r -> r.mode() == TransactionPlan.Mode.AUTOCOMMIT)) {
          runMeasuringTheFixes(c, fixed, f.sql(), major);
        } else {
          MigrationRunner.run(c, fixed);
        }
      } catch (SQLException e) {
        fail("the fixed " + path + " fails on PostgreSQL " + major + ": " + e.getMessage() + "\n" + outcome.text());
      }
      fixedSchema = Catalog.snapshot(c);
    }
    // The fix changes how, not what: the original leaves the same schema (validated, valid indexes),
    // but for what an unsafe fix's setup declares ("-- the fix also leaves: <catalog line>").
    try (Connection c = server.connect(server.createDatabase())) {
      MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), setup), null, false));
      MigrationRunner.run(c, MigrationScript.of(path, SourceFile.of(path.toString(), f.sql()), null, false));
      List<String> expected = new ArrayList<>(Catalog.snapshot(c));
      Matcher leaves = ALSO_LEAVES.matcher(setup);
      while (leaves.find()) {
        assertThat(level).as("only an unsafe fix may change the schema").isEqualTo(Applicability.UNSAFE);
        expected.add(leaves.group(1));
      }
      java.util.Collections.sort(expected);
      assertThat(fixedSchema).as("the schema after the fixed " + path + " equals the original's").isEqualTo(expected);
    }
  }
}
