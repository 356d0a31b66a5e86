package dev.lockstep.parse;

import dev.lockstep.source.Span;

/**
 * A PL/pgSQL EXECUTE, in a DO block or a function the file calls, whose SQL lockstep cannot check:
 * where it is in the file (from the word EXECUTE to the end of its string expression) and why.
 */
public record DynamicSql(Span span, Kind kind) {
  /** Why the SQL is not known. */
  public enum Kind {
    /** The string is computed when the block runs (format(), ||, a variable). */
    BUILT,
    /** A constant literal with doubled or escaped quotes, which lockstep does not read. */
    ESCAPED_LITERAL
  }
}
