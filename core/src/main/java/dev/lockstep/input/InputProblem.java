package dev.lockstep.input;

import dev.lockstep.source.InputException;
import dev.lockstep.source.Position;

/**
 * A path that could not be linted, or whose migration history could not be used, with a one-line
 * reason that names it.
 *
 * @param at where in the file the problem is (1-based), or null for the whole file
 */
public record InputProblem(String path, Position at, String message) {
  public InputProblem(String path, String message) {
    this(path, null, message);
  }

  /** The problem of a file that is not text, at the place it names. */
  public static InputProblem of(InputException e) {
    return new InputProblem(e.path(), e.at(), e.getMessage());
  }

  /** "path: message", or "path:line:col: message" when the place is known. */
  public String describe() {
    return where() + ": " + message;
  }

  /** The path, with ":line:col" when the place is known. */
  public String where() {
    return at == null ? path : path + ":" + at.line() + ":" + at.column();
  }
}
