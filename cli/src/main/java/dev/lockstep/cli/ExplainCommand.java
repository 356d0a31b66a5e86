package dev.lockstep.cli;

import dev.lockstep.i18n.Text;
import dev.lockstep.rules.RuleDocs;
import dev.lockstep.rules.Rules;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "Print a rule's documentation.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RULE-ID", description = "A rule id, as listed by 'lockstep rules'.")
  String id;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The configuration's lang, when a configuration is found here; explain reads nothing else of it. */
  static String configuredLang() {
    try {
      return dev.lockstep.config.Settings.loadConfig(null, java.nio.file.Path.of("")).lang();
    } catch (RuntimeException e) {
      return null; // a broken configuration is lint's to report
    }
  }

  @Override
  public Integer call() {
    if (Rules.byId(id).isEmpty()) {
      throw Usage.error(spec.commandLine(), Text.of("unknown rule '%s' (see 'lockstep rules')", id));
    }
    spec.commandLine().getOut().print(RuleDocs.markdown(id, Languages.choose(spec, configuredLang()).language()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
