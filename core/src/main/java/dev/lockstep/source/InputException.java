package dev.lockstep.source;

/** A file that cannot be read as SQL text: the message names the file and, where known, the position. */
public final class InputException extends RuntimeException {
  private final String path;

  public InputException(String path, String problem) {
    super(problem);
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** "path: problem", one line. */
  public String describe() {
    return path + ": " + getMessage();
  }
}
