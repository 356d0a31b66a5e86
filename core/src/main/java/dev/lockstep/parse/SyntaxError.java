package dev.lockstep.parse;

import dev.lockstep.i18n.Text;
import dev.lockstep.source.Span;

/**
 * A statement PostgreSQL's grammar rejects: its message, the char offset it points at, and the span
 * of the statement that was skipped. PostgreSQL's own words are a text without arguments whose
 * template is the parser's message (shown through PostgreSQL's translation, see report.Localized);
 * lockstep's words around them (a DO body, a deadline) are templates of their own.
 *
 * @param stoppedParsing whether parsing stopped here, so that the rest of the file went unchecked
 */
public record SyntaxError(Text text, int offset, Span statement, boolean stoppedParsing) {
  /** Ends the template of an error after which parsing stopped (a time limit or a parser failure). */
  static final String REST_NOT_CHECKED = "the rest of the file was not checked";

  /** An error; parsing stopped at it when its template says the rest of the file was not checked. */
  public SyntaxError(Text text, int offset, Span statement) {
    this(text, offset, statement, text.template().contains(REST_NOT_CHECKED));
  }

  /** PostgreSQL's parser's own message. */
  public static SyntaxError postgres(String message, int offset, Span statement) {
    return new SyntaxError(Text.of(message), offset, statement);
  }

  /** The error of rules stopped at {@code offset} by the file's deadline (max-parse-time). */
  public static SyntaxError rulesStopped(int offset, Span rest) {
    return new SyntaxError(Text.of("checking stopped here: the file took longer than max-parse-time; the rest of the file was "
        + "not checked (raise max-parse-time to check it)"), offset, rest);
  }

  /** The message in English (PostgreSQL's words as its parser wrote them). */
  public String message() {
    return text.english();
  }
}
