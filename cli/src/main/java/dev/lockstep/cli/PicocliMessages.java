package dev.lockstep.cli;

import dev.lockstep.i18n.Text;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * picocli's own usage errors as typed texts, so that they are shown in the run's language. picocli
 * words them in English only; each template here is picocli's sentence (so English output stays as
 * picocli prints it), with the option names and values it quotes as arguments. A message of another
 * shape is kept as picocli words it.
 */
final class PicocliMessages {
  /** One of picocli's sentences: the template that says it again and the pattern that reads it. */
  private record Form(String template, Pattern pattern) {
    static Form of(String template, String regex) {
      return new Form(template, Pattern.compile(regex, Pattern.DOTALL));
    }
  }

  private static final List<Form> FORMS = List.of(
      Form.of("Unknown option: %s", "Unknown option: (.+)"),
      Form.of("Unknown options: %s", "Unknown options: (.+)"),
      Form.of("Unmatched argument at index %s: %s", "Unmatched argument at index (\\d+): (.+)"),
      Form.of("Unmatched arguments from index %s: %s", "Unmatched arguments from index (\\d+): (.+)"),
      Form.of("Missing required option: %s", "Missing required option: (.+)"),
      Form.of("Missing required options: %s", "Missing required options: (.+)"),
      Form.of("Missing required parameter: %s", "Missing required parameter: (.+)"),
      Form.of("Missing required parameters: %s", "Missing required parameters: (.+)"),
      Form.of("Missing required parameter for option %s", "Missing required parameter for option (.+)"),
      Form.of("Expected parameter for option %s but found %s", "Expected parameter for option (.+) but found (.+)"),
      Form.of("Invalid value for option %s: %s", "Invalid value for option (.+?): (.+)"));

  private PicocliMessages() {}

  /** picocli's message as a text, or null when it has another shape. */
  static Text of(String message) {
    if (message == null) return null;
    for (Form f : FORMS) {
      Matcher m = f.pattern().matcher(message);
      if (!m.matches()) continue;
      Object[] args = new Object[m.groupCount()];
      for (int i = 0; i < args.length; i++) args[i] = m.group(i + 1);
      return Text.of(f.template(), args);
    }
    return null;
  }
}
