package dev.lockstep.rules;

import static dev.lockstep.pg.ServerQueries.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.pg.BackgroundStatement;
import dev.lockstep.pg.MigrationRunner;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.pg.Probes;
import dev.lockstep.pg.ServerQueries;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.TransactionState;

/**
 * What the rules about transactions and timeouts say will happen, on a real server of each major:
 * each bad fixture runs statement by statement (after its .setup.sql, inside the runner's
 * transaction where the fixture assumes one), and at every statement a rule flags, the server must
 * do what the rule's message and doc say.
 */
class BehaviourClaimsOnPostgresTest {
  static final Set<String> RULES = Set.of("ban-nested-transaction", "ban-uncommitted-transaction",
      "ban-high-lock-timeout", "require-lock-timeout", "prefer-if-exists", "ban-work-after-access-exclusive-lock",
      "ban-backfill-in-ddl-transaction", "ban-drop-database", "ban-drop-schema", "ban-update-delete-without-where",
      "ban-enum-add-value-in-transaction", "prefer-bigint-keys", "prefer-identity-columns", "prefer-text-type",
      "prefer-timestamptz", "prefer-statement-timeout", "ban-concurrent-index-if-not-exists", "require-identity-start");
  private static final SqlParser PARSER = new SqlParser();

  static Stream<Arguments> fixtures() throws Exception {
    List<Arguments> out = new ArrayList<>();
    String only = System.getProperty("lockstep.fixture", ""); // e.g. -Dlockstep.fixture=ban-drop-schema
    for (Fixture f : Fixture.all().filter(Fixture::bad).filter(f -> RULES.contains(f.ruleId()))
        .filter(f -> f.path().toString().contains(only)).toList()) {
      for (int major : PostgresServer.MAJORS) out.add(Arguments.of(f, major));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on PostgreSQL {1}")
  @MethodSource("fixtures")
  void flaggedStatementsDoWhatTheRuleSays(Fixture f, int major) throws Exception {
    LintOptions fixture = f.options();
    LintOptions options = new LintOptions(major, fixture.assumeInTransaction(), fixture.enabled(), fixture.disabled(),
        fixture.maxLockTimeoutMillis());
    FileResult result = new Linter(Rules.all(), options, PARSER).lint(SourceFile.of(f.path().toString(), f.sql()));
    if (f.ruleId().equals("ban-enum-add-value-in-transaction")) {
      // flagged for PostgreSQL 10 and 11 only: on the majors here lockstep says nothing, and the server agrees
      assertThat(result.findings()).noneMatch(x -> x.ruleId().equals(f.ruleId()));
      result = new Linter(Rules.all(), fixture, PARSER).lint(SourceFile.of(f.path().toString(), f.sql()));
    }
    PostgresServer server = PostgresServer.of(major);
    String database = server.createDatabase();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (Connection c = server.connect(database)) {
      Path setupFile = f.path().resolveSibling(f.path().getFileName().toString().replace(".sql", ".setup.sql"));
      if (Files.exists(setupFile)) {
        MigrationRunner.run(c, MigrationScript.of(setupFile, SourceFile.of(setupFile.toString(), Files.readString(setupFile)),
            null, false));
      }
      if (fixture.assumeInTransaction()) ServerStatements.execute(c, "BEGIN"); // the runner's own transaction
      boolean nestedBegun = false;
      boolean outerEnded = false;
      for (Statement s : PARSER.parse(result.source()).statements()) {
        if (s.enclosingIndex() >= 0) continue;
        if (!flagged(result, f.ruleId(), s)) {
          boolean commit = s.text().strip().toUpperCase(java.util.Locale.ROOT).startsWith("COMMIT");
          ServerStatements.tolerant(c, s);
          if (commit && nestedBegun) {
            // "the first COMMIT ends the outer transaction too": what follows runs outside any
            if (ServerStatements.state(c) != TransactionState.IDLE) wrong.add(at(f, s, major) + "a transaction is still open");
            nestedBegun = false;
            outerEnded = true;
            checked++;
          }
          continue;
        }
        String problem = switch (f.ruleId()) {
          case "ban-nested-transaction" -> nestedBegin(c, s, outerEnded);
          case "ban-uncommitted-transaction" -> {
            ServerStatements.execute(c, s);
            yield null; // checked when the file ends
          }
          case "ban-high-lock-timeout" -> highTimeout(c, s, fixture.maxLockTimeoutMillis());
          case "require-lock-timeout" -> waitsAndQueues(server, database, c, s);
          case "prefer-if-exists" -> retryFails(c, s);
          case "ban-work-after-access-exclusive-lock", "ban-backfill-in-ddl-transaction" -> heldWhileItRuns(server, database, c, s);
          case "ban-drop-database" -> failsInATransactionBlock(c, s);
          case "ban-drop-schema" -> dropSchema(c, s);
          case "ban-update-delete-without-where" -> everyRowLocked(server, database, c, s);
          case "ban-enum-add-value-in-transaction" -> runsInATransactionBlock(c, s);
          case "prefer-statement-timeout" -> scansWholeTable(c, s);
          case "ban-concurrent-index-if-not-exists" -> invalidLeftoverSkipped(c, s, finding(result, f.ruleId(), s));
          case "require-identity-start" -> identityCollides(c, s, finding(result, f.ruleId(), s));
          case "prefer-bigint-keys", "prefer-identity-columns", "prefer-text-type", "prefer-timestamptz" -> {
            Set<String> before = LaterTypeChange.columns(c);
            ServerStatements.execute(c, s);
            yield LaterTypeChange.check(f.ruleId(), c, before);
          }
          default -> throw new IllegalStateException(f.ruleId());
        };
        nestedBegun |= f.ruleId().equals("ban-nested-transaction");
        if (problem != null) wrong.add(at(f, s, major) + problem);
        checked++;
      }
      if (f.ruleId().equals("ban-uncommitted-transaction")) {
        // "the migration ends inside the transaction": its locks stay held until the session ends
        if (ServerStatements.state(c) == TransactionState.IDLE) wrong.add(f.path() + " on PostgreSQL " + major
            + ": the file ends with no transaction open");
        checked++;
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).as("flagged statements were checked").isPositive();
  }

  private static boolean flagged(FileResult result, String rule, Statement s) {
    for (Finding x : result.findings()) {
      if (x.ruleId().equals(rule) && x.span().start() >= s.span().start() && x.span().start() <= s.span().end()) return true;
    }
    return false;
  }

  private static Finding finding(FileResult result, String rule, Statement s) {
    for (Finding x : result.findings()) {
      if (x.ruleId().equals(rule) && x.span().start() >= s.span().start() && x.span().start() <= s.span().end()) return x;
    }
    throw new IllegalStateException("not flagged: " + s.text());
  }

  /** Runs each statement of each step of a finding's rewrite, in order. */
  private static void runRewrite(Connection c, Finding x) throws SQLException {
    for (dev.lockstep.engine.Rewrite.Step step : x.rewrite().steps()) {
      for (Statement part : PARSER.parse(SourceFile.of("rewrite", step.sql())).statements()) {
        ServerStatements.execute(c, part);
      }
    }
  }

  /**
   * "If an earlier run of this build failed, an INVALID index is left behind: IF NOT EXISTS then skips
   * the build, the migration succeeds and the index is never used": a unique concurrent build of the
   * same name fails on duplicate values, the flagged statement then succeeds, and the index of that
   * name is still the INVALID leftover. The rewrite, run next, leaves a valid index on the table.
   */
  private static String invalidLeftoverSkipped(Connection c, Statement s, Finding x) throws SQLException {
    var index = (dev.lockstep.parse.ast.CreateIndex) s.node();
    String schema = index.table().schema() == null ? "public" : index.table().schema();
    String dupes = dev.lockstep.parse.ast.Identifiers.quote(schema) + ".lockstep_dupes";
    String name = dev.lockstep.parse.ast.Identifiers.quote(schema) + "." + dev.lockstep.parse.ast.Identifiers.quote(index.name());
    ServerStatements.execute(c, "CREATE TABLE " + dupes + " (v int)");
    try {
      return leftoverSkipped(c, s, x, name, dupes, index.table().qualifiedName());
    } finally {
      ServerStatements.execute(c, "DROP TABLE " + dupes);
    }
  }

  private static String leftoverSkipped(Connection c, Statement s, Finding x, String name, String dupes, String table)
      throws SQLException {
    ServerStatements.execute(c, "INSERT INTO " + dupes + " VALUES (1), (1)");
    try {
      // an index is created in its table's schema: the name itself is never qualified
      ServerStatements.execute(c, "CREATE UNIQUE INDEX CONCURRENTLY " + name.substring(name.indexOf('.') + 1) + " ON "
          + dupes + " (v)");
      return "the unique build on duplicate values did not fail";
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) return "the unique build failed with " + e.getSQLState() + ", not 23505";
    }
    String invalidLeftover = "SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('" + name.replace("'", "''")
        + "') AND NOT indisvalid AND indrelid = to_regclass('" + dupes.replace("'", "''") + "')";
    if (single(c, invalidLeftover) != 1) return "the failed build left no INVALID index";
    try {
      ServerStatements.execute(c, s);
    } catch (SQLException e) {
      return "with the INVALID leftover in place the statement failed (" + e.getSQLState() + ") instead of skipping";
    }
    if (single(c, invalidLeftover) != 1) return "the statement replaced the INVALID leftover";
    runRewrite(c, x);
    long valid = single(c, "SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('" + name.replace("'", "''")
        + "') AND indisvalid AND indrelid = to_regclass('" + table.replace("'", "''") + "')");
    return valid == 1 ? null : "after the rewrite there is no valid index of that name on the table";
  }

  /**
   * "The identity sequence starts at 1, below the values the column already holds: inserts that take
   * the next value fail with duplicate keys"; "GENERATED ALWAYS: inserts that supply a value fail".
   * Then, with the identity dropped again, the rewrite: an insert that takes the next value succeeds.
   */
  private static String identityCollides(Connection c, Statement s, Finding x) throws SQLException {
    var alter = (dev.lockstep.parse.ast.AlterTable) s.node();
    var cmd = alter.commands().get(0);
    var identity = (dev.lockstep.parse.ast.Constraint) cmd.definition().orElseThrow();
    String table = alter.table().qualifiedName();
    String column = dev.lockstep.parse.ast.Identifiers.quote(cmd.name());
    ServerStatements.execute(c, s);
    boolean startGiven = identity.sequenceOptions().contains("start");
    String insert = startGiven ? "INSERT INTO " + table + " (" + column + ") VALUES (1000000)"
        : "INSERT INTO " + table + " DEFAULT VALUES";
    String expected = startGiven ? "428C9" : "23505";
    try {
      ServerStatements.execute(c, insert);
      return "the insert succeeded: " + insert;
    } catch (SQLException e) {
      if (!expected.equals(e.getSQLState())) return "the insert failed with " + e.getSQLState() + ", not " + expected;
    }
    ServerStatements.execute(c, "ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP IDENTITY");
    runRewrite(c, x);
    try {
      ServerStatements.execute(c, "INSERT INTO " + table + " DEFAULT VALUES");
    } catch (SQLException e) {
      return "after the rewrite an insert failed with " + e.getSQLState();
    }
    return null;
  }

  private static String at(Fixture f, Statement s, int major) {
    return f.path() + ":" + s.start().line() + " on PostgreSQL " + major + ": ";
  }

  /** "PostgreSQL does not nest transactions: it only warns `there is already a transaction in progress`." */
  private static String nestedBegin(Connection c, Statement s, boolean outerEnded) throws SQLException {
    if (ServerStatements.state(c) == TransactionState.IDLE) {
      // the runner's transaction was already ended by an earlier nested COMMIT (checked there)
      if (outerEnded) {
        ServerStatements.execute(c, s);
        return null;
      }
      return "no transaction was open at the nested BEGIN";
    }
    try (java.sql.Statement st = c.createStatement()) {
      st.execute(s.text());
      for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
        if ("25001".equals(w.getSQLState())) return null; // active_sql_transaction
      }
    }
    return "no 'already a transaction in progress' warning";
  }

  /** The server reads the flagged value as longer than the maximum, or as 0 (off). */
  private static String highTimeout(Connection c, Statement s, long maxMillis) throws SQLException {
    boolean own = ServerStatements.state(c) == TransactionState.IDLE;
    if (own) ServerStatements.execute(c, "BEGIN"); // SET LOCAL takes effect only inside one
    ServerStatements.execute(c, s);
    long millis = single(c, "SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'");
    if (own) ServerStatements.execute(c, "COMMIT");
    return millis == 0 || millis > maxMillis ? null : "the server reads it as " + millis + " ms, within the maximum";
  }

  /**
   * "A statement that needs a strong lock waits behind any long-running query on the table, and every
   * query that arrives after it waits behind it": behind a long transaction that wrote to its tables,
   * with a lock_timeout it fails; without one it waits, and a query of the table arriving later waits
   * behind it: a plain SELECT where it waits for ACCESS EXCLUSIVE, a write where it waits for less.
   */
  private static String waitsAndQueues(PostgresServer server, String database, Connection c, Statement s)
      throws Exception {
    try (Connection holder = server.connect(database); Connection reader = server.connect(database)) {
      holdEveryTable(holder, c);
      boolean own = ServerStatements.tryOut(c);
      ServerStatements.execute(c, "SET LOCAL lock_timeout = '200ms'");
      String timedOut = null;
      try {
        ServerStatements.execute(c, s);
        timedOut = "with lock_timeout set it did not stop waiting behind a long query";
      } catch (SQLException e) {
        if (!"55P03".equals(e.getSQLState())) timedOut = "with lock_timeout set it failed with " + e.getSQLState();
      }
      ServerStatements.undo(c, own);
      if (timedOut != null) return timedOut;

      BackgroundStatement statement = BackgroundStatement.start(c, s.text());
      String problem = null;
      if (!statement.waits(reader, "locktype = 'relation'", 5)) {
        problem = "it did not wait behind a long transaction";
      } else {
        long waitedOn;
        boolean write;
        try (ResultSet rs = reader.createStatement().executeQuery("SELECT relation::bigint, mode FROM pg_locks "
            + "WHERE pid = " + statement.pid() + " AND NOT granted AND locktype = 'relation'")) {
          rs.next();
          waitedOn = rs.getLong(1);
          write = !rs.getString(2).equals("AccessExclusiveLock");
        }
        if (!Boolean.TRUE.equals(Probes.waits(reader, waitedOn, write))) {
          problem = "a " + (write ? "write" : "SELECT") + " arriving after it did not wait";
        }
      }
      ServerStatements.execute(holder, "ROLLBACK");
      statement.finish();
      return problem;
    }
  }

  /**
   * A long transaction that wrote to every user table the migration's session holds no lock on
   * (ROW EXCLUSIVE: any lock from SHARE up waits for it).
   */
  private static void holdEveryTable(Connection holder, Connection migration) throws SQLException {
    long pid = single(migration, "SELECT pg_backend_pid()");
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = holder.createStatement().executeQuery("SELECT c.oid::regclass::text FROM pg_class c "
        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND c.oid >= 16384 "
        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND NOT EXISTS (SELECT 1 FROM pg_locks l "
        + "WHERE l.pid = " + pid + " AND l.relation = c.oid)")) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    ServerStatements.execute(holder, "BEGIN");
    if (!tables.isEmpty()) ServerStatements.execute(holder, "LOCK TABLE " + String.join(", ", tables) + " IN ROW EXCLUSIVE MODE");
  }

  /** "Running it again fails on the statement that already took effect." */
  private static String retryFails(Connection c, Statement s) throws SQLException {
    ServerStatements.execute(c, s);
    try {
      ServerStatements.execute(c, s);
      return "running it a second time succeeded";
    } catch (SQLException expected) {
      return null;
    }
  }

  /**
   * "Locks are held until the transaction ends": when the flagged statement starts, the migration's
   * transaction already holds ACCESS EXCLUSIVE on a table, and a plain SELECT of it waits.
   */
  private static String heldWhileItRuns(PostgresServer server, String database, Connection c, Statement s)
      throws SQLException {
    String locked = null;
    try (ResultSet rs = c.createStatement().executeQuery("SELECT relation::regclass::text FROM pg_locks WHERE pid = "
        + "pg_backend_pid() AND locktype = 'relation' AND mode = 'AccessExclusiveLock' AND granted AND relation >= 16384 "
        + "ORDER BY 1 LIMIT 1")) {
      if (rs.next()) locked = rs.getString(1);
    }
    String problem = null;
    if (locked == null) {
      problem = "the transaction holds no ACCESS EXCLUSIVE lock when it starts";
    } else {
      try (Connection reader = server.connect(database)) {
        ServerStatements.execute(reader, "SET lock_timeout = '200ms'");
        ServerStatements.execute(reader, "SELECT 1 FROM " + locked + " LIMIT 0");
        problem = "a SELECT of " + locked + " did not wait";
      } catch (SQLException e) {
        if (!"55P03".equals(e.getSQLState())) throw e;
      }
    }
    ServerStatements.tolerant(c, s);
    return problem;
  }

  /** "It cannot run inside a transaction block." Run only inside one, so that nothing is dropped. */
  private static String failsInATransactionBlock(Connection c, Statement s) throws SQLException {
    boolean own = ServerStatements.tryOut(c);
    String state = null;
    try {
      ServerStatements.execute(c, s);
    } catch (SQLException e) {
      state = e.getSQLState();
    }
    ServerStatements.undo(c, own);
    return "25001".equals(state) ? null : "inside a transaction block the server " + (state == null ? "ran it" : "failed with " + state);
  }

  /**
   * "CASCADE drops every table ... taking ACCESS EXCLUSIVE on each dropped table. Without CASCADE it
   * fails unless the schema is already empty."
   */
  private static String dropSchema(Connection c, Statement s) throws SQLException {
    boolean own = ServerStatements.tryOut(c);
    List<Long> tables = userTables(c);
    boolean cascade = s.text().toUpperCase(java.util.Locale.ROOT).contains("CASCADE");
    String problem = null;
    try {
      ServerStatements.execute(c, s);
      List<Long> dropped = new ArrayList<>(tables);
      dropped.removeAll(userTables(c));
      if (!cascade && !dropped.isEmpty()) problem = "without CASCADE it dropped a schema that holds tables";
      if (cascade) {
        long locked = single(c, "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
            + "AND mode = 'AccessExclusiveLock' AND relation IN (" + join(dropped) + ")");
        if (dropped.isEmpty() || locked != dropped.size()) {
          problem = "CASCADE locked " + locked + " of the " + dropped.size() + " tables it dropped";
        }
      }
    } catch (SQLException e) {
      if (cascade || !"2BP01".equals(e.getSQLState())) problem = "it failed with " + e.getSQLState();
    }
    ServerStatements.undo(c, own);
    return problem;
  }

  private static List<Long> userTables(Connection c) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery("SELECT oid FROM pg_class WHERE relkind IN ('r', 'p') "
        + "AND oid >= 16384")) {
      while (rs.next()) out.add(rs.getLong(1));
    }
    return out;
  }

  private static String join(List<Long> oids) {
    return oids.isEmpty() ? "0" : oids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
  }

  /** "Every row is locked until commit (concurrent updates and deletes of those rows wait)." */
  private static String everyRowLocked(PostgresServer server, String database, Connection c, Statement s)
      throws SQLException {
    boolean own = ServerStatements.state(c) == TransactionState.IDLE;
    if (own) ServerStatements.execute(c, "BEGIN");
    ServerStatements.execute(c, s);
    String problem = null;
    String table = null;
    try (ResultSet rs = c.createStatement().executeQuery("SELECT l.relation::regclass::text FROM pg_locks l JOIN pg_class c "
        + "ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r'")) {
      if (rs.next()) table = rs.getString(1);
    }
    if (table == null) {
      problem = "it holds no ROW EXCLUSIVE lock on a table";
    } else {
      try (Connection other = server.connect(database)) {
        ServerStatements.execute(other, "BEGIN");
        long rows = single(other, "SELECT count(*) FROM " + table);
        long free = single(other, "SELECT count(*) FROM (SELECT 1 FROM " + table + " FOR UPDATE SKIP LOCKED) r");
        ServerStatements.execute(other, "ROLLBACK");
        if (rows == 0 || free != 0) problem = free + " of the " + rows + " rows of " + table + " are not locked";
      }
    }
    if (own) ServerStatements.execute(c, "COMMIT");
    return problem;
  }

  /** On PostgreSQL 12 and later ADD VALUE runs inside a transaction block (the rule flags 10 and 11 only). */
  private static String runsInATransactionBlock(Connection c, Statement s) throws SQLException {
    if (ServerStatements.state(c) == TransactionState.IDLE) return "no transaction block was open";
    try {
      ServerStatements.execute(c, s);
      return null;
    } catch (SQLException e) {
      return "it failed with " + e.getSQLState();
    }
  }

  /** "They still scan the whole table": as many tuples read sequentially as the table's 100 rows, or more. */
  private static String scansWholeTable(Connection c, Statement s) throws SQLException {
    long before = ServerQueries.tuplesRead(c, "true");
    ServerStatements.execute(c, s);
    long read = ServerQueries.tuplesRead(c, "true") - before;
    return read >= 100 ? null : "it read " + read + " tuples sequentially";
  }
}
