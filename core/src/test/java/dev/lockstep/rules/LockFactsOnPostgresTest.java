package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.LockMode;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.pg.Measurement;
import dev.lockstep.pg.MigrationRunner;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.pg.Probes;
import dev.lockstep.pg.ServerQueries;
import dev.lockstep.pg.WaitingStatement;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The lock facts every finding states, checked on a real server of each major: each bad fixture
 * runs statement by statement after its .setup.sql; a flagged statement runs in a transaction of
 * its own, where pg_locks, pg_class.relfilenode and pg_stat_xact_user_tables tell the locks it
 * holds, whether it rewrote a table and whether it scanned one, and a second session tries a read
 * and a write lock on the table. A rule whose facts differ from the server's fails here.
 */
class LockFactsOnPostgresTest {
  private static final SqlParser PARSER = new SqlParser();

  static Stream<Arguments> badFixtures() throws Exception {
    List<Arguments> out = new ArrayList<>();
    String only = System.getProperty("lockstep.fixture", ""); // e.g. -Dlockstep.fixture=ban-truncate
    for (Fixture f : Fixture.all().filter(Fixture::bad).filter(x -> x.path().toString().contains(only)).toList()) {
      for (int major : PostgresServer.MAJORS) out.add(Arguments.of(f, major));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on PostgreSQL {1}")
  @MethodSource("badFixtures")
  void statedLockFactsAreWhatTheServerDoes(Fixture f, int major) throws Exception {
    LintOptions fixture = f.options();
    assumeTrue(fixture.pgVersion() >= PostgresServer.MAJORS.get(0),
        "the fixture states facts for PostgreSQL " + fixture.pgVersion() + ", which is not obtainable here");
    // The facts of the server's own major: lint as if migrating that server.
    LintOptions options = new LintOptions(major, fixture.assumeInTransaction(), fixture.enabled(), fixture.disabled(),
        fixture.maxLockTimeoutMillis());
    FileResult result = new Linter(Rules.all(), options, PARSER).lint(SourceFile.of(f.path().toString(), f.sql()));
    assumeTrue(result.findings().stream().anyMatch(x -> x.lock() != null), "its findings state no lock facts");
    Path setupFile = f.path().resolveSibling(f.path().getFileName().toString().replace(".sql", ".setup.sql"));
    assertThat(setupFile).as("a bad fixture with lock facts has a .setup.sql with the tables it touches").exists();

    PostgresServer server = PostgresServer.of(major);
    List<String> wrong = new ArrayList<>();
    int measured = 0;
    String database = server.createDatabase();
    try (Connection c = server.connect(database); Connection probe = server.connect(database)) {
      String setup = Files.readString(setupFile);
      MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), setup), null, false));
      for (Statement s : PARSER.parse(result.source()).statements()) {
        if (s.enclosingIndex() >= 0) continue; // runs as part of its DO block or function call
        List<Finding> stated = new ArrayList<>();
        for (Finding x : result.findings()) {
          if (x.lock() != null && x.span().start() >= s.span().start() && x.span().start() <= s.span().end()) {
            stated.add(x);
          }
        }
        if (stated.isEmpty()) {
          ServerStatements.tolerant(c, s);
          continue;
        }
        boolean own = ServerStatements.state(c) == TransactionState.IDLE;
        List<Long> targets = new ArrayList<>();
        for (Finding x : stated) for (LockFacts.RelationLock l : x.lock().locks()) targets.add(oid(c, l.relation()));
        if (own) ServerStatements.execute(c, "BEGIN");
        Measurement.Before before = Measurement.before(c);
        try {
          ServerStatements.execute(c, s);
        } catch (SQLException e) {
          if (!"25001".equals(e.getSQLState()) || !own) throw e;
          ServerStatements.execute(c, "ROLLBACK"); // cannot run in a transaction block: measured as it runs, outside one
          measured += outsideATransaction(server, database, c, s, f, major, stated, targets, wrong);
          continue;
        }
        Measurement m = Measurement.after(c, before);
        int t = 0;
        for (Finding x : stated) {
          String where = f.path() + ":" + x.start() + " " + x.ruleId() + " on PostgreSQL " + major + ": ";
          Long firstTarget = null;
          for (LockFacts.RelationLock l : x.lock().locks()) {
            Long oid = targets.get(t++);
            if (firstTarget == null) firstTarget = oid;
            LockMode held = oid != null ? m.locks().get(oid)
                : m.locks().values().stream().filter(mode -> mode == l.mode()).findFirst().orElse(null);
            boolean ok = held != null && (own ? held == l.mode() : held.compareTo(l.mode()) >= 0);
            if (!ok) wrong.add(where + "states " + l.mode().sql() + " on " + l.relation() + ", the server holds "
                + (held == null ? "no such lock" : held.sql()) + " (all: " + describe(m) + ")");
          }
          if (x.lock().rewritesTable() != !m.rewritten().isEmpty()) {
            wrong.add(where + (x.lock().rewritesTable() ? "states a table rewrite, none happened"
                : "states no rewrite, the server rewrote " + names(m, m.rewritten())));
          }
          if (!x.lock().rewritesTable() && x.lock().scansTable() != !m.scanned().isEmpty()) {
            wrong.add(where + (x.lock().scansTable() ? "states a table scan, none happened"
                : "states no scan, the server scanned " + names(m, m.scanned())));
          }
          Boolean reads = null;
          Boolean writes = null;
          if (firstTarget != null) {
            // inside the fixture's own transaction, earlier statements' locks count too: what the
            // application sees at that point, but not the statement's own fact to check
            reads = Probes.waits(probe, firstTarget, false);
            if (own && reads != null && reads != x.lock().blocksReads()) {
              wrong.add(where + "states that reads are " + (x.lock().blocksReads() ? "" : "not ") + "blocked; they are "
                  + (reads ? "" : "not"));
            }
            writes = Probes.waits(probe, firstTarget, true);
            if (own && writes != null && writes != x.lock().blocksWrites()) {
              wrong.add(where + "states that writes are " + (x.lock().blocksWrites() ? "" : "not ") + "blocked; they are "
                  + (writes ? "" : "not"));
            }
          }
          record(x.ruleId(), f, s, major, measuredLocks(x, m, targets, t), m, reads, writes, own);
          measured++;
        }
        if (own) ServerStatements.execute(c, "COMMIT");
      }
    }
    assertThat(wrong).as(f.path() + " on PostgreSQL " + major).isEmpty();
    assertThat(measured).as("the fixture's findings with lock facts were measured").isPositive();
  }

  /**
   * A statement that cannot run in a transaction block (CONCURRENTLY), measured as production meets
   * it: while it waits for another session's long query on the first table its findings name, the
   * locks it was granted and whether a read and a write of that table wait; then, once it is done,
   * whether it rewrote or scanned the table. Returns the findings measured.
   */
  private static int outsideATransaction(PostgresServer server, String database, Connection c, Statement s, Fixture f,
                                         int major, List<Finding> stated, List<Long> targets, List<String> wrong)
      throws SQLException {
    Long target = targets.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    if (target == null) {
      ServerStatements.execute(c, s); // no table of the findings exists before the statement: nothing to wait on
      return 0;
    }
    Map<Long, String> names = new HashMap<>();
    for (Long oid : targets) if (oid != null) names.put(oid, ServerQueries.text(c, "SELECT " + oid + "::regclass::text"));
    WaitingStatement w = WaitingStatement.run(server, database, c, s.text(), target);
    String line = f.path() + ":" + s.start().line() + " on PostgreSQL " + major + ": ";
    if (!w.waited()) {
      wrong.add(line + "the statement did not wait for the long query: its locks were not seen");
      return 0;
    }
    int t = 0;
    for (Finding x : stated) {
      String where = f.path() + ":" + x.start() + " " + x.ruleId() + " on PostgreSQL " + major + ": ";
      List<String> held = new ArrayList<>();
      for (LockFacts.RelationLock l : x.lock().locks()) {
        Long oid = targets.get(t++);
        LockMode granted = oid == null ? null : w.tableLocks().get(names.get(oid));
        // a lock that conflicts with the query's ACCESS SHARE is not granted yet: the statement waits for it
        LockMode mode = granted != null || oid == null ? granted : w.requestedLocks().get(names.get(oid));
        if (oid != null && mode != l.mode()) {
          wrong.add(where + "states " + l.mode().sql() + " on " + l.relation() + ", the server holds "
              + (mode == null ? "no such lock" : mode.sql()) + " (all: " + w.tableLocks() + ", waiting for: "
              + w.requestedLocks() + ")");
        }
        if (mode != null) held.add(mode.sql() + " on " + names.get(oid) + (granted == null ? " (waiting for it)" : ""));
      }
      if (w.blocksReads() != null && w.blocksReads() != x.lock().blocksReads()) {
        wrong.add(where + "states that reads are " + (x.lock().blocksReads() ? "" : "not ") + "blocked; they are "
            + (w.blocksReads() ? "" : "not"));
      }
      if (w.blocksWrites() != null && w.blocksWrites() != x.lock().blocksWrites()) {
        wrong.add(where + "states that writes are " + (x.lock().blocksWrites() ? "" : "not ") + "blocked; they are "
            + (w.blocksWrites() ? "" : "not"));
      }
      if (x.lock().rewritesTable() != w.rewritten()) {
        wrong.add(where + (x.lock().rewritesTable() ? "states a table rewrite, none happened" : "states no rewrite, the "
            + "server rewrote the table"));
      }
      if (!x.lock().rewritesTable() && w.scanned() != null && x.lock().scansTable() != w.scanned()) {
        wrong.add(where + (x.lock().scansTable() ? "states a table scan, none happened" : "states no scan, the server "
            + "scanned the table"));
      }
      String row = "| " + GeneratedDocSection.code(s.text()) + " (outside a transaction block, while another session's "
          + "query holds the table) | " + String.join(", ", held) + " | " + GeneratedDocSection.yesNo(w.blocksReads())
          + " | " + GeneratedDocSection.yesNo(w.blocksWrites()) + " | " + GeneratedDocSection.yesNo(w.rewritten()) + " | "
          + GeneratedDocSection.yesNo(w.scanned()) + " |";
      DOCS.record(x.ruleId(), f.path().getFileName() + "\t" + String.format("%05d", s.start().line()), row, major);
    }
    return stated.size();
  }

  // ---------------------------------------------------------------- the generated tables in rules/<id>.md

  /** The table in rules/<id>.md of what the server did with each flagged statement. */
  private static final GeneratedDocSection DOCS = new GeneratedDocSection("LockFactsOnPostgresTest", "lock facts",
      "Measured by the test suite on a real server, each statement in a transaction of its own after its fixture's "
          + "setup, or, where the migration opens a transaction itself, at that point of it, with the locks of the "
          + "statements before it in that transaction (\"blocks\": a plain `SELECT` or an `UPDATE` from another session "
          + "waited):",
      "| statement | locks held | blocks reads | blocks writes | rewrites | scans | PostgreSQL |\n"
          + "|---|---|---|---|---|---|---|",
      "## Instead of");

  /** The locks the server held on the relations the finding names, in the finding's order. */
  private static String measuredLocks(Finding x, Measurement m, List<Long> targets, int end) {
    List<String> out = new ArrayList<>();
    int first = end - x.lock().locks().size();
    for (int i = 0; i < x.lock().locks().size(); i++) {
      Long oid = targets.get(first + i);
      LockMode mode = oid == null ? x.lock().locks().get(i).mode() : m.locks().get(oid);
      if (mode != null) out.add(mode.sql() + " on " + (oid == null ? x.lock().locks().get(i).relation() : m.names().get(oid)));
    }
    return String.join(", ", out);
  }

  private static void record(String rule, Fixture f, Statement s, int major, String locks, Measurement m,
                             Boolean reads, Boolean writes, boolean own) {
    String where = own ? "" : " (inside the migration's transaction)";
    String row = "| " + GeneratedDocSection.code(s.text()) + where + " | " + locks + " | " + GeneratedDocSection.yesNo(reads)
        + " | " + GeneratedDocSection.yesNo(writes) + " | " + GeneratedDocSection.yesNo(!m.rewritten().isEmpty()) + " | "
        + GeneratedDocSection.yesNo(!m.scanned().isEmpty()) + " |";
    DOCS.record(rule, f.path().getFileName() + "\t" + String.format("%05d", s.start().line()), row, major);
  }

  /**
   * The doc of every measured rule holds the table of what the server did, generated from the
   * measurements: up to date, or the build fails (-Dlockstep.updateDocs=true rewrites the docs).
   */
  @AfterAll
  static void docsShowTheMeasuredFacts() throws Exception {
    DOCS.checkDocs();
  }

  /** The relation's oid, or null for a description ("the table of idx") or a relation that does not exist yet. */
  static Long oid(Connection c, String relation) throws SQLException {
    // before 16, to_regclass raises an error for text that is not a name: keep a transaction alive
    boolean inTransaction = ServerStatements.state(c) != TransactionState.IDLE;
    if (inTransaction) ServerStatements.execute(c, "SAVEPOINT lookup");
    try (var ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
      ps.setString(1, relation);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long oid = rs.getLong(1);
        return rs.wasNull() ? null : oid;
      }
    } catch (SQLException invalidName) {
      if (inTransaction) ServerStatements.execute(c, "ROLLBACK TO SAVEPOINT lookup");
      return null;
    } finally {
      if (inTransaction) ServerStatements.execute(c, "RELEASE SAVEPOINT lookup");
    }
  }

  private static String describe(Measurement m) {
    List<String> out = new ArrayList<>();
    m.locks().forEach((oid, mode) -> out.add(m.names().get(oid) + "=" + mode.sql()));
    return String.join(", ", out);
  }

  private static String names(Measurement m, java.util.Set<Long> oids) {
    List<String> out = new ArrayList<>();
    for (Long oid : oids) out.add(m.names().getOrDefault(oid, "oid " + oid));
    return String.join(", ", out);
  }
}
