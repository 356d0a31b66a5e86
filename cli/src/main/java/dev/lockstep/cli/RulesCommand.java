package dev.lockstep.cli;

import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.rules.Rules;
import dev.lockstep.i18n.Catalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List every rule: id, severity, whether it can fix, on or off by default, title.")
final class RulesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Catalog catalog = Languages.choose(spec, ExplainCommand.configuredLang());
    for (Rule rule : Rules.all()) {
      RuleInfo info = rule.info();
      out.printf("%-38s %-8s %-4s %-4s %s%n", info.id(), info.severity().label(),
          info.fix() == RuleInfo.FixAvailability.NONE ? "-" : "fix", info.enabledByDefault() ? "on" : "off",
          catalog.translate(info.title()));
    }
    return 0;
  }
}
