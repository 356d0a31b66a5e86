package dev.lockstep.cli;

import dev.lockstep.io.AtomicWrite;
import dev.lockstep.report.Baseline;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Record today's findings as accepted: later 'lint --baseline FILE' runs report only new ones.")
final class BaselineCommand extends LintCommand {
  @Option(names = "--file", paramLabel = "FILE", defaultValue = ".lockstep-baseline.json",
      description = "Where to write the baseline (default: ${DEFAULT-VALUE}).")
  Path baselineFile;

  @Override
  public Integer call() throws IOException {
    Baseline recorded = Baseline.of(lint().report());
    try {
      recorded.write(baselineFile);
    } catch (AtomicWrite.Refused e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--file: " + e.getMessage());
    }
    spec.commandLine().getOut().printf("Recorded %d findings in %s%n", recorded.size(), baselineFile);
    return 0;
  }
}
