package dev.lockstep.cli;

import dev.lockstep.i18n.TextException;
import dev.lockstep.i18n.Text;
import dev.lockstep.ConfiguredLinter;
import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.ConfigException;
import dev.lockstep.config.PathRules;
import dev.lockstep.config.Settings;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Severity;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.history.AppliedList;
import dev.lockstep.input.ChangedFiles;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.preflight.StatsSnapshot;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * What the shared options resolve to, with the configuration: lint options, the fail level, the
 * linter, the report files, and every input read (problems collected, not thrown). A command passes
 * the mixins it has; one it lacks (null) contributes nothing, so no option is ever silently ignored.
 */
final class LintSetup {
  final LintOptions options;
  final Severity failLevel;
  final MigrationLinter migrations;
  final List<OutputOptions.ReportFile> reportFiles;
  final List<SourceFile> sources = new ArrayList<>();
  final List<InputProblem> problems = new ArrayList<>();
  /** The configuration file's settings, for those that apply after linting. */
  final Config config;
  /** The stats snapshot given or read from a database, or null. */
  StatsSnapshot snapshot;

  private LintSetup(Config config, LintOptions options, Severity failLevel, MigrationLinter migrations,
      List<OutputOptions.ReportFile> reportFiles) {
    this.config = config;
    this.options = options;
    this.failLevel = failLevel;
    this.migrations = migrations;
    this.reportFiles = reportFiles;
  }

  /**
   * @param history null to judge each file alone
   * @param stats   null when the command takes no stats snapshot
   */
  static LintSetup resolve(CommandLine commandLine, InputOptions input, ConfigOptions config, RuleOptions rules,
      OutputOptions output, Path cacheDir, HistoryOptions history, StatsOptions stats) throws IOException {
    Config c;
    try {
      c = Settings.loadConfig(config.configFile, Path.of(""));
    } catch (ConfigException e) {
      throw Usage.error(commandLine, e);
    }
    List<OutputOptions.ReportFile> reportFiles = output == null ? List.of() : output.validate(commandLine, c.format());
    Framework forced;
    try {
      forced = input.framework == null ? null : Framework.fromId(input.framework);
    } catch (TextException e) {
      throw Usage.error(commandLine, Text.of("%s: %s", "--framework", e.text()));
    }
    ConfiguredLinter configured;
    try {
      configured = ConfiguredLinter.of(c, new Settings.Overrides(config.pgVersion, config.assumeInTransaction,
          rules == null ? List.of() : rules.enable, rules == null ? List.of() : rules.disable,
          rules == null ? null : rules.maxLockTimeout, output == null ? null : output.failLevel, input.includeDown,
          input.maxFileSize, input.maxParseTime), forced);
    } catch (TextException e) {
      throw Usage.error(commandLine, e);
    }
    Settings settings = configured.settings();
    PathRules pathRules = configured.paths();
    MigrationLinter migrations = configured.linter();
    if (cacheDir != null) migrations.withCache(cacheDir);
    LintSetup setup = new LintSetup(c, settings.options(), settings.failLevel(), migrations, reportFiles);
    String pendingFrom = history == null ? null : history.pendingFrom;
    if (pendingFrom != null && pendingFrom.isBlank()) {
      throw Usage.error(commandLine, Text.of("%s: empty", "--pending-from"));
    }
    setup.snapshot = stats == null ? null : stats.snapshot(c, commandLine);
    Set<Path> changed = setup.read(commandLine, input, pathRules);
    if (history != null && !history.noHistory) {
      AppliedList applied = setup.snapshot == null ? null : setup.snapshot.appliedList();
      configured.withHistory(applied, changed, pendingFrom);
    }
    return setup;
  }

  /** Reads the inputs; returns the files changed since --changed-since, or null without it. */
  private Set<Path> read(CommandLine commandLine, InputOptions input, PathRules pathRules) throws IOException {
    List<Path> filePaths = new ArrayList<>();
    for (String p : input.paths) {
      if (p.equals("-")) {
        SqlFiles.readText(input.stdinFilename, System.in, migrations.limits(), sources, problems);
      } else {
        SqlFiles found = SqlFiles.collect(List.of(Path.of(p)));
        problems.addAll(found.problems());
        for (Path file : found.files()) if (pathRules.included(file)) filePaths.add(file);
      }
    }
    Set<Path> changed = null;
    if (input.changedSince != null) {
      try {
        Path where = input.paths.stream().filter(x -> !x.equals("-")).map(Path::of).findFirst().orElse(Path.of(""))
            .toAbsolutePath();
        changed = ChangedFiles.since(input.changedSince, Files.isDirectory(where) ? where : where.getParent());
      } catch (TextException e) {
        throw Usage.error(commandLine, e);
      }
      Set<Path> since = changed;
      filePaths.removeIf(f -> !since.contains(f.toAbsolutePath().normalize()));
    }
    SqlFiles.Read read = SqlFiles.read(filePaths, migrations.limits());
    sources.addAll(read.sources());
    problems.addAll(read.problems());
    return changed;
  }
}
