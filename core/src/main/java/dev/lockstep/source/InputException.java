package dev.lockstep.source;

import dev.lockstep.i18n.Text;

/** A file that cannot be read as SQL text: the problem names the file and, where known, the position. */
public final class InputException extends RuntimeException {
  private final String path;
  private final Position at;
  private final Text problem;

  public InputException(String path, Text problem) {
    this(path, problem, null);
  }

  /** @param at where in the file the problem is, or null */
  public InputException(String path, Text problem, Position at) {
    super(problem.english());
    this.path = path;
    this.at = at;
    this.problem = problem;
  }

  /** Where in the file the problem is, or null when it is the whole file. */
  public Position at() {
    return at;
  }

  public String path() {
    return path;
  }

  /** The problem, as a sentence to show in the run's language. */
  public Text problem() {
    return problem;
  }

  /** The problem with its place, for messages that name the file already: "problem at line:col". */
  public Text problemWithPlace() {
    return at == null ? problem : Text.of("%s at %s", problem, at.toString());
  }

  /** "path:line:col: problem" (or "path: problem"), one line. */
  public String describe() {
    return path + (at == null ? "" : ":" + at) + ": " + getMessage();
  }
}
