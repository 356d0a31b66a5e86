package dev.lockstep.cli;

import dev.lockstep.i18n.TextException;
import dev.lockstep.i18n.Text;
import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.ConfigException;
import dev.lockstep.config.PathRules;
import dev.lockstep.config.Settings;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.preflight.DatabaseAddress;
import dev.lockstep.preflight.IndexRepair;
import dev.lockstep.preflight.InvalidIndex;
import dev.lockstep.preflight.PendingMigrations;
import dev.lockstep.preflight.Preflight;
import dev.lockstep.preflight.PreflightFormat;
import dev.lockstep.preflight.PreflightReport;
import dev.lockstep.preflight.ServerInfo;
import dev.lockstep.preflight.Sessions;
import dev.lockstep.preflight.StatsReader;
import dev.lockstep.preflight.Thresholds;
import dev.lockstep.report.LintReport;
import dev.lockstep.engine.Durations;
import dev.lockstep.source.SourceFile;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "preflight", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Check a live database before a deploy: INVALID indexes (with the SQL that rebuilds them), the "
        + "sessions that would block the given migrations on the tables they lock, those tables' sizes, and "
        + "replication. The session is read-only and takes no lock that could queue, except with "
        + "--repair-invalid-indexes, the only mode that writes.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep preflight --database-url postgresql://deploy@db/app db/migration/",
        "  PGHOST=db PGDATABASE=app lockstep preflight --format json db/migration/V42__orders.sql",
        "  lockstep preflight --repair-invalid-indexes"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ready", "1:not ready (an INVALID index, a session in the way, a repair that failed)",
        "2:could not check (connection, permissions, usage, a migration that cannot be read)"})
final class PreflightCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "The migrations about to run (files or directories), linted as 'lint' does to learn which tables "
          + "they lock and how.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--database-url", paramLabel = "URL",
      description = "postgresql://[user[:password]@]host[:port]/database or a libpq keyword string (default: "
          + "LOCKSTEP_DATABASE_URL, else PGHOST, PGDATABASE, PGUSER, ... and ~/.pgpass as libpq reads them).")
  String databaseUrl;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: text, json, github, sarif (default: text).")
  String format;

  @Option(names = "--max-transaction-age", paramLabel = "DURATION", defaultValue = "5s",
      description = "A transaction open longer than this on a table the migrations lock holds them up (default: 5s).")
  String maxTransactionAge;

  @Option(names = "--max-replica-lag", paramLabel = "DURATION", defaultValue = "30s",
      description = "Warn when a replica replays further behind than this (default: 30s).")
  String maxReplicaLag;

  @Option(names = "--max-slot-wal", paramLabel = "SIZE", defaultValue = "1GiB",
      description = "Warn when a replication slot retains more WAL than this; inactive slots are always reported "
          + "(default: 1GiB).")
  String maxSlotWal;

  @Option(names = "--repair-invalid-indexes",
      description = "WRITES to the database: drop each INVALID index (not builds in progress) with DROP INDEX "
          + "CONCURRENTLY and build it again CONCURRENTLY, one at a time, retrying after lock timeouts; then check again.")
  boolean repair;

  @Option(names = "--repair-attempts", paramLabel = "N", defaultValue = "5",
      description = "Tries per index before the repair gives up on lock timeouts (default: 5).")
  int repairAttempts;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: lockstep.toml or .lockstep.yaml here or in a parent folder).")
  Path configFile;

  @Option(names = "--framework", paramLabel = "NAME", description = "Treat every migration as this tool's (default: detect).")
  String framework;

  @Option(names = "--pg-version", paramLabel = "MAJOR",
      description = "PostgreSQL major to lint the migrations for (default: the server's).")
  Integer pgVersion;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** History tables that could not be read while choosing the pending migrations. */
  private final List<Text> historyNotRead = new ArrayList<>();

  /** The language of the report and of the repair's progress lines. */
  private Catalog catalog = Catalog.ENGLISH;

  /** Pause before the first retry of a repair; doubles after each lock timeout. */
  long firstRetryPauseMillis = 1_000;

  @Override
  public Integer call() throws IOException {
    option(() -> PreflightFormat.named(format), "--format"); // an unknown format is refused before anything else
    Thresholds limits = new Thresholds(duration(maxTransactionAge, "--max-transaction-age"),
        duration(maxReplicaLag, "--max-replica-lag"),
        Limits.bytes(maxSlotWal).orElseThrow(() -> usage(Text.of("%s: not a size: %s", "--max-slot-wal", maxSlotWal))));
    Config config = option(() -> Settings.loadConfig(configFile, Path.of("")), "--config");
    catalog = Languages.choose(spec, config == null ? null : config.lang());
    PreflightFormat output = PreflightFormat.named(format, catalog);
    DatabaseAddress address = LiveDatabase.address(databaseUrl, spec);
    PrintWriter err = spec.commandLine().getErr();
    PreflightReport report;
    try {
      report = LiveDatabase.read(address, Sessions.APPLICATION, c -> check(c, config, address, limits, err));
    } catch (LiveDatabase.Unreadable e) {
      err.println(e.getMessage());
      return Main.EXIT_USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    output.write(report, out);
    out.flush();
    return report.status().exitCode();
  }

  /** The checks in the read-only session; with --repair-invalid-indexes, the repair in a second, writing one, and the checks again. */
  private PreflightReport check(Connection c, Config config, DatabaseAddress address, Thresholds limits, PrintWriter err)
      throws SQLException, IOException {
    ServerInfo server = ServerInfo.of(c);
    LintReport lint = lint(config, server.major(), c);
    PreflightReport report = Preflight.run(c, address.display(), lint, limits, historyNotRead);
    if (!repair) return report;
    List<InvalidIndex> broken = report.invalidIndexes().stream().filter(i -> i.state() == InvalidIndex.State.INVALID).toList();
    err.println(catalog.format(broken.size() == 1
        ? "lockstep: --repair-invalid-indexes writes to %s: %d INVALID index to drop and rebuild, one at a time"
        : "lockstep: --repair-invalid-indexes writes to %s: %d INVALID indexes to drop and rebuild, one at a time",
        address.display(), broken.size()));
    List<IndexRepair.Outcome> outcomes;
    try (Connection writer = Sessions.repair(address)) {
      outcomes = new IndexRepair(Math.max(1, repairAttempts), firstRetryPauseMillis, err, catalog).repair(writer, report.invalidIndexes());
    }
    return Preflight.run(c, address.display(), lint, limits, historyNotRead).withRepairs(outcomes);
  }

  /** The migrations linted as 'lint' lints them (configuration, framework detection, transactions). */
  private LintReport lint(Config config, int serverMajor, Connection c) throws IOException, SQLException {
    if (paths.isEmpty()) return null;
    int pg = pgVersion != null ? pgVersion
        : Math.max(LintOptions.OLDEST_PG_VERSION, Math.min(LintOptions.NEWEST_PG_VERSION, serverMajor));
    Settings settings = option(() -> Settings.resolve(config, new Settings.Overrides(pg, false, List.of(), List.of(),
        null, null, false)), "--pg-version");
    Framework forced = framework == null ? null : option(() -> Framework.fromId(framework), "--framework");
    PathRules rules = new PathRules(config);
    MigrationLinter linter = new MigrationLinter(settings.options(), rules, forced, settings.includeDown(), settings.limits());
    SqlFiles found = SqlFiles.collect(paths);
    List<InputProblem> problems = new ArrayList<>(found.problems());
    List<Path> files = found.files().stream().filter(rules::included).toList();
    SqlFiles.Read read = SqlFiles.read(files, linter.limits());
    problems.addAll(read.problems());
    // Only the migrations about to run: those the tool's history table records are left out.
    List<Text> notRead = new ArrayList<>();
    PendingMigrations history = new PendingMigrations(StatsReader.appliedMigrations(c, notRead));
    List<SourceFile> pending = new ArrayList<>();
    List<LintReport.Skipped> applied = new ArrayList<>();
    for (SourceFile source : read.sources()) {
      String table = history.appliedIn(linter.script(source).framework(), Path.of(source.path()));
      if (table == null) pending.add(source);
      else applied.add(new LintReport.Skipped(source.path(), "already applied (" + table + ")"));
    }
    for (Text n : notRead) historyNotRead.add(Text.of("%s; its tool's files were all checked as pending", n));
    LintReport report = linter.lintAll(pending, problems, Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<LintReport.Skipped> skipped = new ArrayList<>(applied);
    skipped.addAll(report.skipped());
    return new LintReport(report.files(), report.problems(), skipped, report.pgVersion());
  }

  private long duration(String text, String option) {
    return Durations.millis(text).orElseThrow(() -> usage(Text.of("%s: not a duration: %s", option, text)));
  }

  private <T> T option(java.util.function.Supplier<T> read, String option) {
    try {
      return read.get();
    } catch (ConfigException e) {
      throw Usage.error(spec.commandLine(), e);
    } catch (TextException e) {
      throw usage(Text.of("%s: %s", option, e.text()));
    } catch (IllegalArgumentException e) {
      throw usage(Text.of("%s: %s", option, String.valueOf(e.getMessage())));
    }
  }

  private CommandLine.ParameterException usage(Text message) {
    return Usage.error(spec.commandLine(), message);
  }
}
