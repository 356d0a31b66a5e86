package dev.lockstep.cli;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import picocli.CommandLine;

/** A usage error lockstep words itself: picocli's exception, with the sentence kept to show in the run's language. */
final class Usage {
  private Usage() {}

  static CommandLine.ParameterException error(CommandLine commandLine, Text text) {
    return new CommandLine.ParameterException(commandLine, text.english(), new TextException(text));
  }

  /** A problem told as a text (a bad option, a broken configuration), as a usage error. */
  static CommandLine.ParameterException error(CommandLine commandLine, TextException e) {
    return new CommandLine.ParameterException(commandLine, e.getMessage(), e);
  }
}
