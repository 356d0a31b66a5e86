package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds where a side file (a journal, a changelog, a plan) names something, for a located problem. */
final class TextPositions {
  private TextPositions() {}

  /** A problem at the first match of {@code pattern} in {@code text}, or at 1:1 when there is none. */
  static HistoryProblem problemAt(Path path, String text, Pattern pattern, Text message) {
    Matcher m = pattern.matcher(text);
    int offset = m.find() ? m.start() : 0;
    return problemAt(path, text, offset, message);
  }

  static HistoryProblem problemAt(Path path, String text, int offset, Text message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new HistoryProblem(path, line, offset - lineStart + 1, message);
  }
}
