package dev.lockstep.source;

/** A file that cannot be read as SQL text: the message names the file and, where known, the position. */
public final class InputException extends RuntimeException {
  private final String path;
  private final Position at;

  public InputException(String path, String problem) {
    this(path, problem, null);
  }

  /** @param at where in the file the problem is, or null */
  public InputException(String path, String problem, Position at) {
    super(problem);
    this.path = path;
    this.at = at;
  }

  /** Where in the file the problem is, or null when it is the whole file. */
  public Position at() {
    return at;
  }

  public String path() {
    return path;
  }

  /** The problem with its place, for messages that name the file already: "problem at line:col". */
  public String problemWithPlace() {
    return getMessage() + (at == null ? "" : " at " + at);
  }

  /** "path:line:col: problem" (or "path: problem"), one line. */
  public String describe() {
    return path + (at == null ? "" : ":" + at) + ": " + getMessage();
  }
}
