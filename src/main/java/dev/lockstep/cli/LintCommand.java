package dev.lockstep.cli;

import dev.lockstep.config.Config;
import dev.lockstep.config.ConfigException;
import dev.lockstep.config.ConfigLoader;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.input.ChangedFiles;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.report.Baseline;
import dev.lockstep.report.Reporters;
import dev.lockstep.report.LintReport;
import dev.lockstep.report.Reporter;
import dev.lockstep.report.TextReporter;
import dev.lockstep.rules.Rules;
import dev.lockstep.rules.support.Durations;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
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
      description = "Configuration file (default: lockstep.toml or .lockstep.yaml here or in a parent folder).")
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
      java.nio.file.Files.writeString(file, text.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return report.exitCode(run.failLevel());
  }

  /** A lint run's report and the fail level that decides its exit code. */
  record LintRun(LintReport report, Severity failLevel) {}

  // Resolved by inputs(): options from the command line and configuration.
  LintOptions options;
  Severity fail;
  Framework forced;
  PathRules pathRules;
  boolean down;
  final List<InputProblem> problems = new ArrayList<>();

  /** Lints the paths with the options and configuration; shared with 'baseline'. */
  LintRun lint() throws IOException {
    List<SourceFile> sources = inputs();
    Linter linter = new Linter(Rules.all(), options);
    List<FileResult> results = new ArrayList<>();
    List<LintReport.Skipped> skipped = new ArrayList<>();
    for (SourceFile source : sources) {
      try {
        MigrationScript script = script(source);
        if (script.skipped() != null) {
          skipped.add(new LintReport.Skipped(source.path(), script.skipped()));
          continue;
        }
        results.add(lint(linter, script).withFramework(script.framework().id()));
      } catch (RuntimeException | StackOverflowError e) { // never lose the other files' results
        problems.add(new InputProblem(source.path(), "internal error, the file was not checked: " + e));
      }
    }
    return new LintRun(new LintReport(results, problems, skipped, options.pgVersion()), fail);
  }

  /** The file as its migration tool runs it. */
  MigrationScript script(SourceFile source) {
    Path path = Path.of(source.path());
    return MigrationScript.of(path, source, forced != null ? forced : pathRules.framework(path), down);
  }

  FileResult lint(Linter linter, MigrationScript script) {
    TransactionPlan plan = assumeInTransaction
        ? TransactionPlan.whole(script.source().text().length(), TransactionPlan.Mode.WRAPPED) : script.plan();
    return linter.lint(script.source(), plan);
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
    try {
      fail = failLevel != null ? Severity.parse(failLevel) : config.failLevel() != null ? config.failLevel() : Severity.WARNING;
      for (String id : concat(enable, disable)) {
        if (Rules.byId(id).isEmpty()) throw new IllegalArgumentException("unknown rule '" + id + "' (see 'lockstep rules')");
      }
      long maxLock = config.maxLockTimeoutMillis() != null ? config.maxLockTimeoutMillis()
          : LintOptions.DEFAULT_MAX_LOCK_TIMEOUT_MILLIS;
      if (maxLockTimeout != null) {
        maxLock = Durations.millis(maxLockTimeout)
            .orElseThrow(() -> new IllegalArgumentException("--max-lock-timeout: not a duration: " + maxLockTimeout));
      }
      Set<String> on = new java.util.HashSet<>(config.enable());
      on.addAll(enable);
      Set<String> off = new java.util.HashSet<>(config.disable());
      off.addAll(disable);
      on.removeAll(disable); // the command line wins over the file
      off.removeAll(enable);
      if (Boolean.TRUE.equals(config.runnerSetsLockTimeout())) off.add("require-lock-timeout");
      int pg = pgVersion != null ? pgVersion : config.pgVersion() != null ? config.pgVersion() : LintOptions.NEWEST_PG_VERSION;
      options = new LintOptions(pg, assumeInTransaction || Boolean.TRUE.equals(config.assumeInTransaction()), on, off,
          maxLock, !Boolean.FALSE.equals(config.requireSuppressionReason()), config.severities());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          e.getMessage().startsWith("No enum") ? "--fail-level must be error, warning or hint" : e.getMessage());
    }
    down = includeDown || Boolean.TRUE.equals(config.includeDown());
    pathRules = new PathRules(config);

    try {
      forced = framework == null ? null : Framework.fromId(framework);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--framework: " + e.getMessage());
    }
    List<SourceFile> sources = new ArrayList<>();
    List<Path> filePaths = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        read(stdinFilename, System.in, sources, problems);
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
        changed = ChangedFiles.since(changedSince, java.nio.file.Files.isDirectory(where) ? where : where.getParent());
      } catch (IllegalStateException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      filePaths.removeIf(f -> !changed.contains(f.toAbsolutePath().normalize()));
    }
    for (Path file : filePaths) {
      try (InputStream in = Files.newInputStream(file)) {
        read(file.toString(), in, sources, problems);
      } catch (IOException e) {
        problems.add(new InputProblem(file.toString(), SqlFiles.describe(e)));
      }
    }
    return sources;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void read(String name, InputStream in, List<SourceFile> sources, List<InputProblem> problems) {
    try {
      sources.add(SourceFile.decode(name, in.readAllBytes()));
    } catch (InputException e) {
      problems.add(new InputProblem(name, e.getMessage()));
    } catch (IOException e) {
      problems.add(new InputProblem(name, SqlFiles.describe(e)));
    }
  }

  private Config config() {
    Path file = configFile != null ? configFile : ConfigLoader.discover(Path.of(""));
    if (file == null) return Config.NONE;
    try {
      Set<String> ids = new java.util.HashSet<>();
      Rules.all().forEach(r -> ids.add(r.id()));
      Config c = new ConfigLoader(ids).load(file);
      if (format == null && c.format() != null) format = c.format();
      return c;
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Reporter reporter() {
    if (format != null && !format.equals("text")) return Reporters.create(format);
    boolean useColor = switch (color) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
    return new TextReporter(useColor);
  }
}
