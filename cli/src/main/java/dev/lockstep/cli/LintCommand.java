package dev.lockstep.cli;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.report.Baseline;
import dev.lockstep.report.LintReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Check migration files for statements that lock or rewrite tables.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep lint examples/", "  lockstep lint --format json --fail-level error db/migrations",
        "  git show HEAD:db/V7__x.sql | lockstep lint - --stdin-filename db/V7__x.sql"})
final class LintCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Mixin
  OutputOptions output;

  @Mixin
  ConfigOptions config;

  @Mixin
  RuleOptions rules;

  @Mixin
  LintRunOptions run;

  @Mixin
  HistoryOptions history;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Report only findings that are not in this baseline (written by 'lockstep baseline').")
  Path baseline;

  @Mixin
  StatsOptions sizes;

  @Option(names = "--explain-detection",
      description = "Say on stderr which migration tool each file was linted as, and from what evidence.")
  boolean explainDetection;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Baseline accepted = baseline == null ? null : readBaseline(spec.commandLine(), baseline);
    LintSetup setup = LintSetup.resolve(spec.commandLine(), input, config, rules, output, run.cacheDir, history, sizes);
    LintReport report = sizes.apply(setup.migrations.lintAll(setup.sources, setup.problems, run.threads()), setup.snapshot,
            setup.config)
        .withConfig(setup.config.file() == null ? null : setup.config.file().toString());
    if (accepted != null) report = accepted.filter(report);
    Catalog catalog = Languages.choose(spec, setup.config.lang());
    DetectionNotes.write(report, explainDetection, spec.commandLine().getErr(), catalog);
    output.write(report, spec.commandLine().getOut(), setup.reportFiles, catalog);
    return report.exitCode(setup.failLevel);
  }

  /** The baseline, read before any work so that a missing or broken one stops the run at once. */
  static Baseline readBaseline(CommandLine commandLine, Path file) {
    if (!java.nio.file.Files.exists(file)) {
      throw Usage.error(commandLine, Text.of("%s: no such file or directory", "--baseline " + file));
    }
    try {
      return Baseline.read(file);
    } catch (IOException e) {
      throw Usage.error(commandLine, Text.of("%s: %s", "--baseline " + file, SqlFiles.describe(e)));
    }
  }
}
