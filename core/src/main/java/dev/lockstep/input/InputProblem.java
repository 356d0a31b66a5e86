package dev.lockstep.input;

import dev.lockstep.source.InputException;
import dev.lockstep.source.Position;

/**
 * A path that could not be linted, with a one-line reason that names it.
 *
 * @param at where in the file the problem is (an invalid byte), or null when it is the whole file
 */
public record InputProblem(String path, String message, Position at) {
  public InputProblem(String path, String message) {
    this(path, message, null);
  }

  /** The problem of a file that is not text, at the place it names. */
  public static InputProblem of(InputException e) {
    return new InputProblem(e.path(), e.getMessage(), e.at());
  }

  /** "path:line:col: message" when the place is known, else "path: message". */
  public String describe() {
    return path + (at == null ? "" : ":" + at) + ": " + message;
  }
}
