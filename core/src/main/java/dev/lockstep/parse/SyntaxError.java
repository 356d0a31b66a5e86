package dev.lockstep.parse;

import dev.lockstep.source.Span;

/**
 * A statement PostgreSQL's grammar rejects: its message (PostgreSQL's own words), the char
 * offset it points at, and the span of the statement that was skipped.
 */
public record SyntaxError(String message, int offset, Span statement) {
  /** Ends the message of an error after which parsing stopped (a time limit or a parser failure). */
  static final String REST_NOT_CHECKED = "the rest of the file was not checked";

  /** The error of rules stopped at {@code offset} by the file's deadline (max-parse-time). */
  public static SyntaxError rulesStopped(int offset, Span rest) {
    return new SyntaxError("checking stopped here: the file took longer than max-parse-time; the rest of the file was "
        + "not checked (raise max-parse-time to check it)", offset, rest);
  }

  /** Whether parsing stopped here, so that the rest of the file went unchecked. */
  public boolean stoppedParsing() {
    return message.contains(REST_NOT_CHECKED);
  }
}
