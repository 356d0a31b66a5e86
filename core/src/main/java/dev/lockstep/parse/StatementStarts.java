package dev.lockstep.parse;

/**
 * Where the statement holding an offset begins, by psql's idea of statement ends (semicolons
 * outside quotes and comments). Editors use it to put a suppression comment on the line before a
 * statement without parsing the file again.
 */
public final class StatementStarts {
  private StatementStarts() {}

  /** The first token of the statement that holds {@code offset} (its first token if it is in trivia before one). */
  public static int startOf(String text, int offset) {
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    int start = -1;
    while (lx.next()) {
      if (lx.isTrivia()) continue;
      if (start < 0) start = lx.start();
      if (lx.kind() == SqlLexer.Kind.SEMICOLON) {
        if (lx.end() > offset) return start;
        start = -1;
      } else if (lx.start() > offset && start == lx.start()) {
        return start; // offset was in the trivia before this statement
      }
    }
    return start < 0 ? Math.min(offset, text.length()) : start;
  }
}
