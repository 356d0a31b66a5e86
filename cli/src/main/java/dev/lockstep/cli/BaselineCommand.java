package dev.lockstep.cli;

import dev.lockstep.report.Localized;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.engine.FileResult;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.report.Baseline;
import dev.lockstep.report.LintReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Record today's findings as accepted: later 'lint --baseline FILE' runs report only new ones.")
final class BaselineCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Mixin
  ConfigOptions config;

  @Mixin
  RuleOptions rules;

  @Mixin
  LintRunOptions run;

  @Mixin
  HistoryOptions history;

  @Option(names = "--file", paramLabel = "FILE", defaultValue = ".lockstep-baseline.json",
      description = "Where to write the baseline (default: ${DEFAULT-VALUE}).")
  Path baselineFile;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Text problem = OutputOptions.unwritable(baselineFile);
    if (problem != null) throw new CommandFailure(Text.of("%s: %s", "--file " + baselineFile, problem));
    LintSetup setup = LintSetup.resolve(spec.commandLine(), input, config, rules, null, run.cacheDir, history, null);
    Catalog catalog = Languages.choose(spec, setup.config.lang());
    LintReport report = setup.migrations.lintAll(setup.sources, setup.problems, run.threads());
    // A baseline of a partial check would hide the unchecked files' findings as "new" noise later, or worse, accept them.
    List<String> unchecked = new ArrayList<>();
    report.problems().forEach(p -> unchecked.add(Localized.problem(p, catalog)));
    for (FileResult f : report.files()) {
      f.syntaxErrors().stream().filter(SyntaxError::stoppedParsing)
          .forEach(e -> unchecked.add(f.source().path() + ": " + Localized.parserText(e.text(), catalog)));
    }
    if (!unchecked.isEmpty()) {
      unchecked.forEach(spec.commandLine().getErr()::println);
      throw new CommandFailure(unchecked.size() == 1 ? Text.of("no baseline written: %d file was not fully checked", 1)
          : Text.of("no baseline written: %d files were not fully checked", unchecked.size()));
    }
    Baseline recorded = Baseline.of(report);
    try {
      recorded.write(baselineFile);
    } catch (AtomicWrite.Refused e) {
      throw Usage.error(spec.commandLine(), Text.of("%s: %s", "--file", e.text()));
    }
    spec.commandLine().getOut().println(catalog.format(recorded.size() == 1 ? "Recorded %d finding in %s"
        : "Recorded %d findings in %s", recorded.size(), baselineFile.toString()));
    return 0;
  }
}
