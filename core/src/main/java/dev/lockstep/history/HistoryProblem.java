package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import java.nio.file.Path;

/**
 * Why a history cannot be put in order (two Flyway files with one version, a journal that names a
 * missing file, a changelog that does not parse), at the place that says so, 1-based.
 */
public record HistoryProblem(Path path, int line, int column, Text message) {
  static HistoryProblem at(Path path, Text message) {
    return new HistoryProblem(path, 1, 1, message);
  }

  /** "path:line:col: message". */
  public String describe() {
    return path + ":" + line + ":" + column + ": " + message.english();
  }
}
