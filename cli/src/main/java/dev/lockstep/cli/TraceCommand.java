package dev.lockstep.cli;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Severity;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.input.InputProblem;
import dev.lockstep.pg.EmbeddedPostgres;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.SourceFile;
import dev.lockstep.trace.StatementTrace;
import dev.lockstep.trace.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run migrations on a scratch database, statement by statement in the transactions their tool "
        + "uses, and report the locks each statement takes, how long it holds them, rewrites, scans and what it "
        + "blocks. Nothing is kept unless --commit is given. Exit 0, or 1 with --fail-level warning when a statement "
        + "blocks reads or writes or rewrites a table, 2 when a statement fails.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep trace --embedded db/migration/V7__index.sql",
        "  LOCKSTEP_DATABASE_URL=postgresql://app@localhost/scratch lockstep trace db/migration/"})
final class TraceCommand extends LintCommand {
  @Option(names = "--embedded", description = "Start a throwaway PostgreSQL server from the installed binaries "
      + "(LOCKSTEP_PG_BIN, or the newest /usr/lib/postgresql/N/bin, or pg_ctl on PATH) and trace there.")
  boolean embedded;

  @Option(names = "--commit", description = "Run the migrations in the database itself and keep their changes. "
      + "Without it they run in a copy (CREATE DATABASE ... TEMPLATE) that is dropped at the end.")
  boolean commit;

  @Option(names = "--allow-nonempty", description = "Trace even if user tables in the database hold rows.")
  boolean allowNonempty;

  @Override
  public Integer call() throws IOException {
    // Options trace shares with lint but that choose or filter rules' findings do not apply here.
    if (sizes.stats != null || sizes.smallTableRows != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--stats and --small-table-rows weigh lint findings; "
          + "trace measures on the scratch database itself");
    }
    if (baseline != null || changedSince != null || !enable.isEmpty() || !disable.isEmpty() || maxLockTimeout != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--baseline, --changed-since, --enable, --disable "
          + "and --max-lock-timeout choose lint findings; trace reports every statement");
    }
    String url = sizes.databaseUrl != null ? sizes.databaseUrl : System.getenv("LOCKSTEP_DATABASE_URL");
    if (embedded == (url != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --database-url (or LOCKSTEP_DATABASE_URL) or --embedded");
    }
    DatabaseUrl target;
    try {
      target = embedded ? null : DatabaseUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<SourceFile> sources = inputs();
    PrintWriter err = spec.commandLine().getErr();
    EmbeddedPostgres server = null;
    try {
      if (embedded) {
        server = EmbeddedPostgres.start(EmbeddedPostgres.findBinaries());
        err.println("lockstep: tracing on a throwaway " + server.version().strip().replaceFirst("^postgres \\(PostgreSQL\\)",
            "PostgreSQL"));
        target = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + server.port() + "/postgres");
      }
      LintReport report = trace(target, sources, err);
      PrintWriter out = spec.commandLine().getOut();
      reporter().write(report, out);
      out.flush();
      // Exit 1 only when asked: with --fail-level warning, a statement that blocks or rewrites fails the run.
      int code = report.exitCode(failLevel != null ? fail : Severity.ERROR);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("lockstep: interrupted");
      return Main.EXIT_USAGE;
    } catch (IOException | SQLException e) {
      err.println("lockstep: " + (embedded ? "" : target.display() + ": ") + e.getMessage().lines().findFirst().orElse(""));
      return Main.EXIT_USAGE;
    } finally {
      if (server != null) server.close();
    }
  }

  private LintReport trace(DatabaseUrl target, List<SourceFile> sources, PrintWriter err) throws SQLException {
    List<FileResult> results = new ArrayList<>();
    try (Connection admin = DriverManager.getConnection(target.jdbcUrl(), target.credentials())) {
      if (!allowNonempty) refuseNonempty(admin, target);
      String database = target.jdbcUrl().substring(target.jdbcUrl().lastIndexOf('/') + 1);
      String copy = commit ? null : "lockstep_trace_" + Long.toHexString(System.nanoTime());
      if (copy != null) copyDatabase(admin, database, copy);
      try {
        String jdbc = copy == null ? target.jdbcUrl() : target.jdbcUrl().substring(0, target.jdbcUrl().lastIndexOf('/') + 1) + copy;
        Properties props = target.credentials();
        try (Connection c = DriverManager.getConnection(jdbc, props)) {
          String version = c.getMetaData().getDatabaseProductVersion();
          Tracer tracer = new Tracer(c, () -> {
            try {
              return DriverManager.getConnection(jdbc, props);
            } catch (SQLException e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          });
          for (SourceFile source : sources) {
            MigrationScript script = migrations.script(source);
            if (script.skipped() != null) continue;
            try {
              List<Finding> findings = new ArrayList<>();
              for (StatementTrace t : tracer.trace(script, options)) findings.add(finding(source, t, version));
              results.add(new FileResult(script.source(), findings, List.of(), List.of(), script.framework().id()));
            } catch (Tracer.TraceFailure e) {
              problems.add(new InputProblem(source.path(), "line " + e.statement().start().line() + " failed on the "
                  + "server: " + e.getMessage() + " (nothing after it was traced)"));
              break;
            }
          }
        }
      } finally {
        if (copy != null) {
          try (Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + copy);
          }
        }
      }
    }
    return new LintReport(results, problems, List.of(), options.pgVersion());
  }

  /** Tracing runs DDL with real locks: on a database whose tables hold rows, that needs saying so. */
  private static void refuseNonempty(Connection c, DatabaseUrl target) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c "
        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') "
        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1")) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    for (String table : tables) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
        rs.next();
        if (rs.getBoolean(1)) {
          throw new SQLException(table + " holds rows: trace runs against scratch databases only (pass --allow-nonempty "
              + "to trace anyway)");
        }
      }
    }
  }

  private static void copyDatabase(Connection admin, String database, String copy) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + copy + " TEMPLATE \"" + database.replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      throw new SQLException("cannot copy the database to trace in without keeping changes (CREATE DATABASE ... "
          + "TEMPLATE: " + e.getMessage().lines().findFirst().orElse("") + "); close other sessions on it, grant "
          + "CREATEDB, or pass --commit", e.getSQLState(), e);
    }
  }

  /** One statement's trace as a report item, so that every lint format can show it. */
  private static Finding finding(SourceFile source, StatementTrace t, String version) {
    List<LockFacts.RelationLock> locks = new ArrayList<>();
    t.locks().forEach((relation, mode) -> locks.add(new LockFacts.RelationLock(relation, mode)));
    LockFacts facts = new LockFacts("traced on PostgreSQL " + version, locks, !t.blocksReads().isEmpty(),
        !t.blocksWrites().isEmpty(), !t.rewritten().isEmpty(), !t.scanned().isEmpty());
    StringBuilder message = new StringBuilder();
    if (t.sampled()) {
      message.append("ran outside a transaction block for ").append(t.heldMillis()).append(" ms; locks seen by sampling: ")
          .append(locks.isEmpty() ? "none" : facts.describeLocks());
    } else if (locks.isEmpty()) {
      message.append("took no new table locks");
    } else {
      message.append("took ").append(facts.describeLocks()).append(", held ").append(t.heldMillis())
          .append(" ms until its transaction ended");
    }
    if (!t.rewritten().isEmpty()) message.append("; rewrote ").append(String.join(", ", t.rewritten()));
    if (!t.scanned().isEmpty()) message.append("; scanned ").append(String.join(", ", t.scanned()));
    if (!t.blocksReads().isEmpty()) message.append("; reads of ").append(String.join(", ", t.blocksReads())).append(" waited");
    if (!t.blocksWrites().isEmpty()) message.append("; writes to ").append(String.join(", ", t.blocksWrites())).append(" waited");
    boolean hurts = !t.blocksReads().isEmpty() || !t.blocksWrites().isEmpty() || !t.rewritten().isEmpty();
    var span = t.statement().span();
    return new Finding("trace", hurts ? Severity.WARNING : Severity.HINT, source.path(), span,
        source.position(span.start()), source.position(span.end()), message.toString(), locks.isEmpty() ? null : facts,
        null, List.of(), null);
  }
}
