package dev.lockstep.cli;

import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.ConfigException;
import dev.lockstep.config.PathRules;
import dev.lockstep.config.Settings;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Severity;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.input.ChangedFiles;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.report.Baseline;
import dev.lockstep.report.Reporters;
import dev.lockstep.report.LintReport;
import dev.lockstep.report.Reporter;
import dev.lockstep.report.TextReporter;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Check migration files for statements that lock or rewrite tables.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep lint examples/", "  lockstep lint --format json --fail-level error db/migrations",
        "  git show HEAD:db/V7__x.sql | lockstep lint - --stdin-filename db/V7__x.sql"})
class LintCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "Files or directories (recursively, *.sql); '-' reads standard input.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  String format;

  @Option(names = "--output", paramLabel = "FORMAT=FILE",
      description = "Also write a report in FORMAT to FILE (repeatable), e.g. --output sarif=lockstep.sarif.")
  List<String> outputs = new ArrayList<>();

  /** The format names, for --help and shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Reporters.names().iterator();
    }
  }

  @Option(names = "--fail-level", paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at least this severe: error, warning, hint (default: warning).")
  String failLevel;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: lockstep.toml or .lockstep.yaml here or in a parent folder up to the "
          + "repository root).")
  Path configFile;

  @Option(names = "--pg-version", paramLabel = "MAJOR",
      description = "PostgreSQL major the migrations run on (" + LintOptions.OLDEST_PG_VERSION + "-"
          + LintOptions.NEWEST_PG_VERSION + "; default: " + LintOptions.NEWEST_PG_VERSION + ", the newest lockstep knows).")
  Integer pgVersion;

  @Option(names = "--assume-in-transaction",
      description = "The migration runner wraps each file in a transaction.")
  boolean assumeInTransaction;

  @Option(names = "--enable", paramLabel = "RULE", split = ",",
      description = "Turn on rules that are off by default (advice rules), comma-separated or repeated.")
  List<String> enable = new ArrayList<>();

  @Option(names = "--disable", paramLabel = "RULE", split = ",",
      description = "Turn off rules, comma-separated or repeated.")
  List<String> disable = new ArrayList<>();

  @Option(names = "--max-lock-timeout", paramLabel = "DURATION",
      description = "Longest lock_timeout a migration may set, e.g. 5s (default: 10s).")
  String maxLockTimeout;

  @Option(names = "--max-file-size", paramLabel = "SIZE",
      description = "Do not read files larger than this, e.g. 64MiB (default: 16MiB); they are reported as not checked.")
  String maxFileSize;

  @Option(names = "--max-parse-time", paramLabel = "DURATION",
      description = "Stop parsing a file after this long, e.g. 5min (default: 60s); the rest is reported as not checked.")
  String maxParseTime;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Lint files on N threads, one parser each (default: the number of processors); output order "
          + "is the input order either way.")
  Integer jobs;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep each file's result in DIR and reuse it while the file, its migration tool's settings, "
          + "lockstep's settings and this build of lockstep are unchanged (off by default).")
  Path cacheDir;

  @Option(names = "--framework", paramLabel = "NAME",
      description = "Treat every file as this tool's migration: flyway, liquibase, goose, dbmate, golang-migrate, "
          + "drizzle, prisma, sqitch, pop, hasura, supabase, plain, schema-dump (default: detect per file).")
  String framework;

  @Option(names = "--include-down", description = "Also lint down/undo migrations and sections.")
  boolean includeDown;

  @Option(names = "--changed-since", paramLabel = "GIT-REF",
      description = "Lint only files added or modified since the merge-base with this ref (plus uncommitted "
          + "and untracked files), e.g. origin/main.")
  String changedSince;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Report only findings that are not in this baseline (written by 'lockstep baseline').")
  Path baseline;

  @Option(names = "--stdin-filename", paramLabel = "NAME", description = "Path to report for standard input.")
  String stdinFilename = "<stdin>";

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour the text output: auto (a terminal without NO_COLOR), always, never.")
  String color;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    LintRun run = lint();
    LintReport report = run.report();
    if (baseline != null) {
      try {
        report = Baseline.read(baseline).filter(report);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--baseline: " + SqlFiles.describe(e));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    reporter().write(report, out);
    out.flush();
    for (String output : outputs) {
      int eq = output.indexOf('=');
      String name = output.substring(0, eq);
      Path file = Path.of(output.substring(eq + 1));
      StringBuilder text = new StringBuilder();
      Reporters.create(name).write(report, text);
      try {
        AtomicWrite.replace(file, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (AtomicWrite.Refused e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--output: " + e.getMessage());
      }
    }
    return report.exitCode(run.failLevel());
  }

  /** A lint run's report and the fail level that decides its exit code. */
  record LintRun(LintReport report, Severity failLevel) {}

  // Resolved by inputs(): options from the command line and configuration.
  LintOptions options;
  Severity fail;
  MigrationLinter migrations;
  final List<InputProblem> problems = new ArrayList<>();
  Path appliedConfig;

  /** Lints the paths with the options and configuration; shared with 'baseline'. */
  LintRun lint() throws IOException {
    List<SourceFile> sources = inputs();
    int threads = jobs != null ? Math.max(1, jobs) : Runtime.getRuntime().availableProcessors();
    LintReport report = migrations.lintAll(sources, problems, threads)
        .withConfig(appliedConfig == null ? null : appliedConfig.toString());
    return new LintRun(report, fail);
  }

  /** Resolves options and configuration, and reads every input (problems are collected, not thrown). */
  List<SourceFile> inputs() throws IOException {
    Config config = config();
    if (format != null && !Reporters.exists(format)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format: unknown format '" + format + "' (one of "
          + String.join(", ", Reporters.names()) + ")");
    }
    for (String output : outputs) {
      int eq = output.indexOf('=');
      if (eq <= 0 || eq == output.length() - 1 || !Reporters.exists(output.substring(0, eq))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--output must be FORMAT=FILE with FORMAT one of "
            + String.join(", ", Reporters.names()) + ", got '" + output + "'");
      }
    }
    Settings settings;
    try {
      settings = Settings.resolve(config, new Settings.Overrides(pgVersion, assumeInTransaction, enable, disable,
          maxLockTimeout, failLevel, includeDown, maxFileSize, maxParseTime));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Framework forced;
    try {
      forced = framework == null ? null : Framework.fromId(framework);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--framework: " + e.getMessage());
    }
    options = settings.options();
    fail = settings.failLevel();
    PathRules pathRules = new PathRules(config);
    migrations = new MigrationLinter(options, pathRules, forced, settings.includeDown(), settings.limits());
    if (cacheDir != null) migrations.withCache(cacheDir);

    List<SourceFile> sources = new ArrayList<>();
    List<Path> filePaths = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        SqlFiles.readText(stdinFilename, System.in, settings.limits(), sources, problems);
      } else {
        SqlFiles found = SqlFiles.collect(List.of(Path.of(p)));
        problems.addAll(found.problems());
        for (Path file : found.files()) if (pathRules.included(file)) filePaths.add(file);
      }
    }
    if (changedSince != null) {
      Set<Path> changed;
      try {
        Path where = paths.stream().filter(x -> !x.equals("-")).map(Path::of).findFirst().orElse(Path.of(""))
            .toAbsolutePath();
        changed = ChangedFiles.since(changedSince, Files.isDirectory(where) ? where : where.getParent());
      } catch (IllegalStateException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      filePaths.removeIf(f -> !changed.contains(f.toAbsolutePath().normalize()));
    }
    SqlFiles.Read read = SqlFiles.read(filePaths, settings.limits());
    sources.addAll(read.sources());
    problems.addAll(read.problems());
    return sources;
  }

  private Config config() {
    try {
      Config c = Settings.loadConfig(configFile, Path.of(""));
      appliedConfig = c.file();
      if (format == null && c.format() != null) format = c.format();
      return c;
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  Reporter reporter() {
    if (format != null && !format.equals("text")) return Reporters.create(format);
    boolean useColor = switch (color) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
    return new TextReporter(useColor);
  }
}
