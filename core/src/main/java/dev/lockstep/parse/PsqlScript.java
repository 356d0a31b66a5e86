package dev.lockstep.parse;

import java.util.regex.Pattern;

/**
 * What psql handles itself in a script, blanked out so PostgreSQL's grammar sees only SQL:
 * backslash meta-commands ({@code \connect}, {@code \set}, {@code \i}, ...) up to the end of their
 * line, and the data lines after {@code COPY ... FROM stdin;} up to the terminating {@code \.} line.
 */
public final class PsqlScript {
  private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^\\s*COPY\\b.*\\bFROM\\s+STDIN\\b.*");

  private PsqlScript() {}

  /** Blanks meta-commands and COPY data in {@code text} (in place, keeping offsets and line breaks). */
  public static void mask(String text, char[] out) {
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    int statementStart = 0;
    boolean atStatementStart = true;
    while (lx.next()) {
      if (lx.isTrivia()) continue;
      if (atStatementStart && lx.kind() == SqlLexer.Kind.OTHER && text.charAt(lx.start()) == '\\') {
        int eol = lineEnd(text, lx.start());
        Masks.blank(out, lx.start(), eol);
        lx = new SqlLexer(text, eol, text.length());
        statementStart = eol;
        continue;
      }
      if (atStatementStart) statementStart = lx.start();
      atStatementStart = false;
      if (lx.kind() == SqlLexer.Kind.SEMICOLON) {
        atStatementStart = true;
        if (COPY_FROM_STDIN.matcher(text.substring(statementStart, lx.start())).matches()) {
          int dataStart = lineEnd(text, lx.end());
          dataStart = dataStart < text.length() ? nextLine(text, dataStart) : dataStart;
          int end = endOfCopyData(text, dataStart);
          Masks.blank(out, dataStart, end);
          lx = new SqlLexer(text, end, text.length());
        }
      }
    }
  }

  private static int endOfCopyData(String text, int from) {
    int at = from;
    while (at < text.length()) {
      int eol = lineEnd(text, at);
      if (text.substring(at, eol).equals("\\.")) return eol;
      if (eol >= text.length()) return eol;
      at = nextLine(text, eol);
    }
    return text.length();
  }

  private static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
    return i;
  }

  private static int nextLine(String text, int eol) {
    if (eol < text.length() && text.charAt(eol) == '\r' && eol + 1 < text.length() && text.charAt(eol + 1) == '\n') {
      return eol + 2;
    }
    return Math.min(text.length(), eol + 1);
  }
}
