package dev.lockstep.trace;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Severity;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Joined;
import dev.lockstep.i18n.Text;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.SourceFile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace of migrations on a server: refuses statements with effects outside the database (unless
 * allowed) before connecting, refuses a database whose tables hold rows (unless allowed), runs the
 * migrations in a scratch copy (CREATE DATABASE ... TEMPLATE) dropped on every way out, JVM exit
 * included, or in the database itself with {@code commit}, and reports each statement as a finding.
 */
public final class TraceRun {
  /**
   * What the user allowed; {@code throwawayServer}: the server is deleted afterwards (--embedded), so
   * only effects beyond the server itself (the host's programs and files, other servers) are refused.
   */
  public record Permissions(boolean commit, boolean allowNonempty, boolean allowServerChanges, boolean throwawayServer) {}

  /** The trace cannot start, for a reason the user can act on; nothing was run. */
  public static final class Refused extends Exception {
    private final transient Text reason;

    public Refused(Text reason) {
      super(reason.english());
      this.reason = reason;
    }

    /** The reason, to be shown in the reader's language. */
    public Text reason() {
      return reason;
    }
  }

  private final ConnectionSettings target;
  private final Permissions permissions;
  private final Catalog catalog;

  /** @param catalog the language of the problems reported (statements not traced, failures) */
  public TraceRun(ConnectionSettings target, Permissions permissions, Catalog catalog) {
    this.target = target;
    this.permissions = permissions;
    this.catalog = catalog;
  }

  public TraceRun(ConnectionSettings target, Permissions permissions) {
    this(target, permissions, Catalog.ENGLISH);
  }

  /**
   * Refusals found in the scripts themselves, before anything runs: a syntax error (the statement
   * would be skipped, and the file traced in part), and each statement with effects outside the
   * database, unless {@code allowServerChanges}. Empty when the trace may go ahead.
   */
  public List<InputProblem> refusals(List<MigrationScript> scripts) {
    List<InputProblem> out = new ArrayList<>();
    SqlParser parser = new SqlParser();
    for (MigrationScript script : scripts) {
      if (script.skipped() != null) continue;
      ParsedFile file = parser.parse(script.source());
      for (var e : file.errors()) {
        out.add(new InputProblem(script.source().path(), Text.of("line %d: not traced: %s; nothing in the file was run",
            script.source().position(e.offset()).line(), e.text())));
      }
      if (permissions.allowServerChanges()) continue;
      for (ServerEffects.Effect e : ServerEffects.of(file)) {
        if (permissions.throwawayServer() && !e.outsideServer()) continue;
        var at = e.statement().start();
        out.add(new InputProblem(script.source().path(), e.outsideServer()
            ? Text.of("line %d: not traced: %s; neither a scratch copy nor a throwaway server contains that "
                + "(pass --allow-server-changes to trace it anyway)", at.line(), e.reason())
            : Text.of("line %d: not traced: %s; a scratch copy of the database does not undo that (--embedded does) "
                + "(pass --allow-server-changes to trace it anyway)", at.line(), e.reason())));
      }
    }
    return out;
  }

  /** Traces the scripts (skipped ones left out); a statement that fails ends its file's trace as a problem. */
  public LintReport trace(List<MigrationScript> scripts, List<InputProblem> problems, LintOptions options)
      throws SQLException, Refused {
    List<FileResult> results = new ArrayList<>();
    ServerState before;
    try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.properties())) {
      if (!permissions.allowNonempty()) refuseNonempty(admin);
      before = permissions.allowServerChanges() || permissions.throwawayServer() ? null : ServerState.of(admin);
      String copy = permissions.commit() ? null : "lockstep_trace_" + Long.toHexString(System.nanoTime());
      ScratchCopy scratch = copy == null ? null : ScratchCopy.create(admin, target, copy, catalog);
      try {
        ConnectionSettings where = copy == null ? target : target.withDatabase(copy);
        try (Connection c = DriverManager.getConnection(where.jdbcUrl(), where.properties())) {
          String version = c.getMetaData().getDatabaseProductVersion();
          Tracer tracer = new Tracer(c, () -> {
            try {
              return DriverManager.getConnection(where.jdbcUrl(), where.properties());
            } catch (SQLException e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          });
          for (MigrationScript script : scripts) {
            if (script.skipped() != null) continue;
            SourceFile source = script.source();
            try {
              List<Finding> findings = new ArrayList<>();
              for (StatementTrace t : tracer.trace(script, options)) findings.add(finding(source, t, version));
              results.add(new FileResult(source, findings, List.of(), List.of(), script.framework().id()));
            } catch (Tracer.TraceFailure e) {
              problems.add(new InputProblem(source.path(), Text.of("line %d failed on the server: %s (nothing after it was traced)",
                  e.statement().start().line(), target.mask(e.getMessage()))));
              break;
            }
          }
        }
      } finally {
        if (scratch != null) scratch.drop();
      }
    }
    if (before != null && !scripts.isEmpty()) {
      // what the parse tree could not show (a DO block's EXECUTE, a function's body) but the server did
      try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.properties())) {
        List<Text> changes = ServerState.of(c).changesSince(before);
        if (!changes.isEmpty()) {
          problems.add(new InputProblem(scripts.get(scripts.size() - 1).source().path(), Text.of("the migrations changed the "
              + "server outside the database, which no scratch copy undoes (undo it by hand, or pass "
              + "--allow-server-changes): %s", Joined.of("; ", changes))));
        }
      }
    }
    return new LintReport(results, problems, List.of(), options.pgVersion());
  }

  /**
   * Tracing runs DDL with real locks: on a database whose tables hold rows, that needs saying so.
   * Row-level security must not hide rows from this check: it reads with row_security off, and a
   * table whose policies would hide rows (an error with row_security off) counts as holding rows.
   */
  private static void refuseNonempty(Connection c) throws SQLException, Refused {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c "
        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') "
        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1")) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET row_security = off");
      for (String table : tables) {
        boolean rows;
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
          rs.next();
          rows = rs.getBoolean(1);
        } catch (SQLException e) {
          // 42501 with row_security off: policies would filter what this user sees; 55000: an unpopulated view
          if ("55000".equals(e.getSQLState())) continue;
          if (!"42501".equals(e.getSQLState())) throw e;
          throw new Refused(Text.of("%s cannot be shown to be empty (%s): trace runs against scratch databases only (pass "
              + "--allow-nonempty to trace anyway)", table, e.getMessage().lines().findFirst().orElse("")
              .replaceFirst("^ERROR: ", "")));
        }
        if (rows) {
          throw new Refused(Text.of("%s holds rows: trace runs against scratch databases only (pass --allow-nonempty to "
              + "trace anyway)", table));
        }
      }
    } finally {
      try (Statement s = c.createStatement()) {
        s.execute("RESET row_security");
      }
      c.setAutoCommit(autoCommit);
    }
  }

  /** One statement's trace as a report item, so that every lint format can show it. */
  private static Finding finding(SourceFile source, StatementTrace t, String version) {
    List<LockFacts.RelationLock> locks = new ArrayList<>();
    t.locks().forEach((relation, mode) -> locks.add(new LockFacts.RelationLock(relation, mode)));
    LockFacts facts = new LockFacts("traced on PostgreSQL " + version, locks, !t.blocksReads().isEmpty(),
        !t.blocksWrites().isEmpty(), !t.rewritten().isEmpty(), !t.scanned().isEmpty());
    // one sentence per fact, joined by semicolons
    List<Text> said = new ArrayList<>();
    List<Text> taken = new ArrayList<>();
    for (LockFacts.RelationLock l : locks) taken.add(Text.of("%s on %s", l.mode().sql(), l.relation()));
    if (t.sampled()) {
      said.add(Text.of("ran outside a transaction block for %s ms; locks seen by sampling: %s", t.heldMillis(),
          locks.isEmpty() ? Text.of("none") : Joined.of(", ", taken)));
    } else if (locks.isEmpty()) {
      said.add(Text.of("took no new table locks"));
    } else {
      said.add(Text.of("took %s, held %s ms until its transaction ended", Joined.of(", ", taken), t.heldMillis()));
    }
    if (!t.rewritten().isEmpty()) said.add(Text.of("rewrote %s", String.join(", ", t.rewritten())));
    if (!t.scanned().isEmpty()) said.add(Text.of("scanned %s", String.join(", ", t.scanned())));
    if (!t.blocksReads().isEmpty()) said.add(Text.of("reads of %s waited", String.join(", ", t.blocksReads())));
    if (!t.blocksWrites().isEmpty()) said.add(Text.of("writes to %s waited", String.join(", ", t.blocksWrites())));
    Text message = Joined.of("; ", said);
    boolean hurts = !t.blocksReads().isEmpty() || !t.blocksWrites().isEmpty() || !t.rewritten().isEmpty();
    var span = t.statement().span();
    return new Finding("trace", hurts ? Severity.WARNING : Severity.HINT, source.path(), span,
        source.position(span.start()), source.position(span.end()), message, locks.isEmpty() ? null : facts,
        null, List.of(), null);
  }
}
