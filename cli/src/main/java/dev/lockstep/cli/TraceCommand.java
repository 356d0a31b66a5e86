package dev.lockstep.cli;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Severity;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.input.InputProblem;
import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.pg.EmbeddedPostgres;
import dev.lockstep.pg.SecretMask;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.SourceFile;
import dev.lockstep.trace.TraceRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run migrations on a scratch database, statement by statement in the transactions their tool "
        + "uses, and report the locks each statement takes, how long it holds them, rewrites, scans and what it "
        + "blocks. Nothing is kept unless --commit is given. Exit 0, or 1 with --fail-level warning when a statement "
        + "blocks reads or writes or rewrites a table, 2 when a statement fails or would change more than the database.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep trace --embedded db/migration/V7__index.sql",
        "  LOCKSTEP_DATABASE_URL=postgresql://app@localhost/scratch lockstep trace db/migration/"})
final class TraceCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Mixin
  OutputOptions output;

  @Mixin
  ConfigOptions config;

  @Option(names = "--database-url", paramLabel = "URL",
      description = "The scratch database, as libpq reads it: postgresql://[user[:password]@]host[:port]/database"
          + "[?setting=value...] or 'host=... dbname=...' (default: LOCKSTEP_DATABASE_URL; then PGHOST, PGPORT, "
          + "PGUSER, PGPASSWORD, PGSERVICE and ~/.pgpass fill in what it leaves out).")
  String databaseUrl;

  @Option(names = "--embedded", description = "Start a throwaway PostgreSQL server from the installed binaries "
      + "(LOCKSTEP_PG_BIN, or the newest /usr/lib/postgresql/N/bin, or pg_ctl on PATH), reachable only through a "
      + "Unix socket in a private folder, and trace there.")
  boolean embedded;

  @Option(names = "--commit", description = "Run the migrations in the database itself and keep their changes. "
      + "Without it they run in a copy (CREATE DATABASE ... TEMPLATE) that is dropped at the end.")
  boolean commit;

  @Option(names = "--allow-nonempty", description = "Trace even if user tables in the database hold rows.")
  boolean allowNonempty;

  @Option(names = "--allow-server-changes", description = "Trace statements whose effects reach beyond the database "
      + "(roles, databases, tablespaces, ALTER SYSTEM, COPY with a program or server file, ...), which a scratch copy "
      + "does not undo.")
  boolean allowServerChanges;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (config.pgVersion != null) {
      throw Usage.error(spec.commandLine(), Text.of("%s does not apply to trace: the migrations run on the server's own version",
          "--pg-version"));
    }
    String url = databaseUrl != null ? databaseUrl : System.getenv("LOCKSTEP_DATABASE_URL");
    if (embedded == (url != null)) {
      throw Usage.error(spec.commandLine(), Text.of("give either %s (or %s) or %s", "--database-url", "LOCKSTEP_DATABASE_URL",
          "--embedded"));
    }
    ConnectionSettings target;
    try {
      target = embedded ? null : ConnectionSettings.parse(url);
    } catch (ConnectionSettings.Invalid e) {
      throw Usage.error(spec.commandLine(), Text.of("%s: %s", databaseUrl != null ? "--database-url" : "LOCKSTEP_DATABASE_URL",
          String.valueOf(e.getMessage())));
    }
    PrintWriter err = spec.commandLine().getErr();
    if (target != null) target.warnings().forEach(w -> err.println("lockstep: " + SecretMask.mask(w)));
    LintSetup setup = LintSetup.resolve(spec.commandLine(), input, config, null, output, null, null, null);
    Catalog catalog = Languages.choose(spec, setup.config.lang());
    List<MigrationScript> scripts = new ArrayList<>();
    for (SourceFile source : setup.sources) scripts.add(setup.migrations.script(source));
    TraceRun.Permissions permissions = new TraceRun.Permissions(commit || embedded, allowNonempty, allowServerChanges,
        embedded);
    List<InputProblem> refusals = new TraceRun(target, permissions, catalog).refusals(scripts);
    if (!refusals.isEmpty()) {
      // nothing was run: report the statements in the chosen format, exit 2
      List<InputProblem> problems = new ArrayList<>(setup.problems);
      problems.addAll(refusals);
      LintReport report = new LintReport(List.of(), problems, List.of(), setup.options.pgVersion());
      output.write(report, spec.commandLine().getOut(), setup.reportFiles, catalog);
      return Main.EXIT_USAGE;
    }
    EmbeddedPostgres server = null;
    try {
      if (embedded) {
        server = EmbeddedPostgres.startPrivate(EmbeddedPostgres.findBinaries());
        err.println(catalog.format("lockstep: tracing on a throwaway %s",
            server.version().strip().replaceFirst("^postgres \\(PostgreSQL\\)", "PostgreSQL")));
        target = server.settings("postgres");
      }
      LintReport report = new TraceRun(target, permissions, catalog).trace(scripts, setup.problems, setup.options);
      output.write(report, spec.commandLine().getOut(), setup.reportFiles, catalog);
      // Exit 1 only when asked: with --fail-level warning, a statement that blocks or rewrites fails the run.
      return report.exitCode(output.failLevel != null ? setup.failLevel : Severity.ERROR);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(catalog.translate("lockstep: interrupted"));
      return Main.EXIT_USAGE;
    } catch (TraceRun.Refused e) {
      err.println("lockstep: " + target.redacted() + ": " + SecretMask.mask(catalog.render(e.reason())));
      return Main.EXIT_USAGE;
    } catch (IOException | SQLException e) {
      String where = embedded || target == null ? "" : target.redacted() + ": ";
      err.println("lockstep: " + where + SecretMask.mask(String.valueOf(e.getMessage())).lines().findFirst().orElse(""));
      return Main.EXIT_USAGE;
    } finally {
      if (server != null) server.close();
    }
  }
}
