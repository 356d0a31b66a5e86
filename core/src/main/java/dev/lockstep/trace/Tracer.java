package dev.lockstep.trace;

import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Transaction;
import dev.lockstep.parse.ast.TransactionKind;
import dev.lockstep.pg.Measurement;
import dev.lockstep.pg.Probes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a migration on a real server statement by statement, in the transactions its tool uses, and
 * records what each statement does: the locks it takes (pg_locks) and how long they are held, the
 * tables it rewrites and scans, and whether another session's reads and writes of them wait.
 */
public final class Tracer {
  /** The statement that failed, and PostgreSQL's message. */
  public static final class TraceFailure extends Exception {
    private final Statement statement;

    TraceFailure(Statement statement, SQLException cause) {
      super(cause.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", ""), cause);
      this.statement = statement;
    }

    public Statement statement() {
      return statement;
    }
  }

  private final Connection connection;
  private final Supplier<Connection> otherSession;
  private final SqlParser parser = new SqlParser();
  /** Time spent in probes, which keep the transaction open: not the migration's own lock time. */
  private long probeNanos;

  /** {@code otherSession} opens another connection to the same database (for probes and sampling). */
  public Tracer(Connection connection, Supplier<Connection> otherSession) {
    this.connection = connection;
    this.otherSession = otherSession;
  }

  public List<StatementTrace> trace(MigrationScript script, LintOptions options) throws SQLException, TraceFailure {
    ParsedFile file = parser.parse(script.source());
    MigrationContext context = new MigrationContext(file, options, script.plan());
    List<Statement> top = new ArrayList<>();
    for (Statement s : file.statements()) if (s.enclosingIndex() < 0) top.add(s);
    List<StatementTrace> out = new ArrayList<>();
    connection.setAutoCommit(true);
    try (Connection probe = otherSession.get()) {
      int i = 0;
      while (i < top.size()) {
        Statement first = top.get(i);
        if (context.inExplicitBlock(first) || isTransactionControl(first)) {
          // The file's own BEGIN ... COMMIT: run as written, measure inside it.
          List<Pending> open = new ArrayList<>();
          boolean ended = false;
          int j = i;
          while (j < top.size() && !ended) {
            Statement s = top.get(j++);
            if (isTransactionControl(s)) {
              execute(s);
              ended = endsBlock(s);
            } else {
              open.add(measured(s, probe));
            }
          }
          if (!ended) run("ROLLBACK"); // a block the file never commits ends with the session
          finish(open, out);
          i = j;
        } else if (context.inTransaction(first)) {
          // The tool's transaction: every statement of it, then COMMIT.
          int j = i;
          while (j < top.size() && context.sameTransaction(first, top.get(j).index()) && !context.inExplicitBlock(top.get(j))) j++;
          run("BEGIN");
          List<Pending> open = new ArrayList<>();
          for (Statement s : top.subList(i, j)) open.add(measured(s, probe));
          run("COMMIT");
          finish(open, out);
          i = j;
        } else {
          out.add(alone(first, probe));
          i++;
        }
      }
    }
    return out;
  }

  /** A statement in autocommit: in a transaction of its own if PostgreSQL allows one, else sampled. */
  private StatementTrace alone(Statement s, Connection probe) throws SQLException, TraceFailure {
    run("BEGIN");
    try {
      Pending p = measured(s, probe);
      run("COMMIT");
      List<StatementTrace> out = new ArrayList<>();
      finish(List.of(p), out);
      return out.get(0);
    } catch (TraceFailure e) {
      run("ROLLBACK");
      if (!"25001".equals(((SQLException) e.getCause()).getSQLState())) throw e;
    }
    return sampled(s, probe);
  }

  private record Pending(Statement statement, long startNanos, long probeNanosAtStart, Measurement measurement,
                         List<String> reads, List<String> writes) {}

  private Pending measured(Statement s, Connection probe) throws SQLException, TraceFailure {
    Measurement.Before before = Measurement.before(connection);
    Map<Long, LockMode> held = Measurement.locks(connection, before, new java.util.HashMap<>());
    long start = System.nanoTime();
    long probedBefore = probeNanos;
    execute(s);
    // Scratch tables are empty: any new file is a rewrite, except TRUNCATE's.
    Measurement after = Measurement.after(connection, before, false);
    Map<Long, LockMode> acquired = new LinkedHashMap<>();
    after.locks().forEach((oid, mode) -> {
      LockMode was = held.get(oid);
      if (was == null || was.compareTo(mode) < 0) acquired.put(oid, mode);
    });
    // Other sessions wait on every lock the transaction holds by now, this statement's and earlier ones'.
    List<String> reads = new ArrayList<>();
    List<String> writes = new ArrayList<>();
    long probeStart = System.nanoTime();
    for (Long oid : after.locks().keySet()) {
      if (Boolean.TRUE.equals(Probes.waits(probe, oid, false))) reads.add(after.names().get(oid));
      if (Boolean.TRUE.equals(Probes.waits(probe, oid, true))) writes.add(after.names().get(oid));
    }
    probeNanos += System.nanoTime() - probeStart;
    java.util.Set<Long> rewritten = s.node() instanceof dev.lockstep.parse.ast.Truncate ? java.util.Set.of() : after.rewritten();
    Measurement own = new Measurement(acquired, after.names(), rewritten, after.scanned());
    return new Pending(s, start, probedBefore, own, reads, writes);
  }

  private void finish(List<Pending> pending, List<StatementTrace> out) {
    long end = System.nanoTime();
    for (Pending p : pending) {
      Measurement m = p.measurement();
      Map<String, LockMode> locks = new LinkedHashMap<>();
      m.locks().forEach((oid, mode) -> locks.put(m.names().get(oid), mode));
      long heldNanos = end - p.startNanos() - (probeNanos - p.probeNanosAtStart());
      out.add(new StatementTrace(p.statement(), locks, heldNanos / 1_000_000, names(m, m.rewritten()),
          names(m, m.scanned()), p.reads(), p.writes(), false));
    }
  }

  /** Outside a transaction block: another session samples its locks while it runs. */
  private StatementTrace sampled(Statement s, Connection probe) throws SQLException, TraceFailure {
    long pid;
    try (ResultSet rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getLong(1);
    }
    Measurement.Before before = Measurement.before(connection);
    LockSampler sampler = new LockSampler(probe, pid);
    Thread thread = new Thread(sampler, "lockstep-lock-sampler");
    long start = System.nanoTime();
    thread.start();
    try {
      execute(s);
    } finally {
      sampler.stop();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Measurement after = Measurement.after(connection, before, false);
    Map<String, LockMode> locks = new LinkedHashMap<>(sampler.locks());
    return new StatementTrace(s, locks, millis, names(after, after.rewritten()), List.of(), List.of(), List.of(), true);
  }

  private static List<String> names(Measurement m, java.util.Set<Long> oids) {
    return oids.stream().map(oid -> m.names().getOrDefault(oid, "oid " + oid)).sorted().toList();
  }

  private static boolean isTransactionControl(Statement s) {
    return s.node() instanceof Transaction;
  }

  private static boolean endsBlock(Statement s) {
    return s.node() instanceof Transaction t
        && (t.transactionKind() == TransactionKind.COMMIT || t.transactionKind() == TransactionKind.ROLLBACK);
  }

  private void execute(Statement s) throws TraceFailure {
    try {
      if (s.node() instanceof dev.lockstep.parse.ast.Copy copy && copy.stdio()) {
        // COPY FROM STDIN / TO STDOUT speak the copy protocol: send the file's inline data, discard the output
        var copier = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        if (copy.from()) copier.copyIn(s.text(), new java.io.StringReader(CopyData.after(s)));
        else copier.copyOut(s.text(), java.io.Writer.nullWriter());
        return;
      }
      try (java.sql.Statement st = connection.createStatement()) {
        st.execute(s.text());
      }
    } catch (SQLException e) {
      throw new TraceFailure(s, e);
    } catch (java.io.IOException e) {
      throw new TraceFailure(s, new SQLException(e.getMessage(), "58030", e));
    }
  }

  private void run(String sql) throws SQLException {
    try (java.sql.Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}
