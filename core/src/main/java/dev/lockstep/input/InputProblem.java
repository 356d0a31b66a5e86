package dev.lockstep.input;

import dev.lockstep.i18n.Text;
import dev.lockstep.source.InputException;
import dev.lockstep.source.Position;

/**
 * A path that could not be linted, or whose migration history could not be used, with a one-line
 * reason that names it, as a sentence shown in the run's language.
 *
 * @param at where in the file the problem is (1-based), or null for the whole file
 */
public record InputProblem(String path, Position at, Text text) {
  public InputProblem(String path, Text text) {
    this(path, null, text);
  }

  /** The problem of a file that is not text, at the place it names. */
  public static InputProblem of(InputException e) {
    return new InputProblem(e.path(), e.at(), e.problem());
  }

  /** The reason, in English (or in the language a localized report was rendered in). */
  public String message() {
    return text.english();
  }

  /** "path: message", or "path:line:col: message" when the place is known. */
  public String describe() {
    return where() + ": " + message();
  }

  /** The path, with ":line:col" when the place is known. */
  public String where() {
    return at == null ? path : path + ":" + at.line() + ":" + at.column();
  }
}
