package dev.lockstep.parse;

/**
 * A light lexer with psql's idea of where quotes, comments and statements end. PostgreSQL's
 * grammar (libpg_query) decides what a statement is; this only finds comments and trims the
 * whitespace and comments around statements, and gives a fallback statement boundary when the
 * PostgreSQL scanner itself gives up on an unterminated literal.
 */
final class SqlLexer {
  enum Kind { SPACE, LINE_COMMENT, BLOCK_COMMENT, STRING, QUOTED_IDENT, DOLLAR_STRING, SEMICOLON, WORD, OTHER }

  private final String text;
  private final int end;
  private int pos;
  private Kind kind;
  private int start;
  private boolean unterminated;

  SqlLexer(String text, int from, int to) {
    this.text = text;
    this.pos = from;
    this.end = to;
  }

  Kind kind() {
    return kind;
  }

  int start() {
    return start;
  }

  int end() {
    return pos;
  }

  boolean unterminated() {
    return unterminated;
  }

  boolean isTrivia() {
    return kind == Kind.SPACE || kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
  }

  /** Advances to the next token; false at the end of the range. */
  boolean next() {
    if (pos >= end) return false;
    start = pos;
    unterminated = false;
    char c = text.charAt(pos);
    if (Character.isWhitespace(c)) {
      while (pos < end && Character.isWhitespace(text.charAt(pos))) pos++;
      kind = Kind.SPACE;
    } else if (c == '-' && peek(1) == '-') {
      while (pos < end && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') pos++;
      kind = Kind.LINE_COMMENT;
    } else if (c == '/' && peek(1) == '*') {
      blockComment();
    } else if (c == '\'') {
      quoted('\'', false);
      kind = Kind.STRING;
    } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
      pos++;
      quoted('\'', true); // E'...' strings take backslash escapes
      kind = Kind.STRING;
    } else if (c == '"') {
      quoted('"', false);
      kind = Kind.QUOTED_IDENT;
    } else if (c == '$' && dollarTagEnd() > 0) {
      dollarString();
    } else if (c == ';') {
      pos++;
      kind = Kind.SEMICOLON;
    } else if (isIdentStart(c) || Character.isDigit(c)) {
      while (pos < end && isIdentPart(text.charAt(pos))) pos++;
      kind = Kind.WORD;
    } else {
      pos++;
      kind = Kind.OTHER;
    }
    return true;
  }

  private char peek(int ahead) {
    return pos + ahead < end ? text.charAt(pos + ahead) : '\0';
  }

  private void blockComment() {
    int depth = 0; // PostgreSQL block comments nest
    while (pos < end) {
      if (text.startsWith("/*", pos)) {
        depth++;
        pos += 2;
      } else if (text.startsWith("*/", pos)) {
        depth--;
        pos += 2;
        if (depth == 0) break;
      } else {
        pos++;
      }
    }
    unterminated = depth > 0;
    if (pos > end) pos = end;
    kind = Kind.BLOCK_COMMENT;
  }

  private void quoted(char quote, boolean backslashEscapes) {
    pos++;
    while (pos < end) {
      char c = text.charAt(pos);
      if (backslashEscapes && c == '\\') {
        pos += 2;
      } else if (c == quote) {
        if (peek(1) == quote) {
          pos += 2; // doubled quote
        } else {
          pos++;
          return;
        }
      } else {
        pos++;
      }
    }
    pos = end;
    unterminated = true;
  }

  /** End of a {@code $tag$} opener at pos, or -1. */
  private int dollarTagEnd() {
    int i = pos + 1;
    if (i < end && text.charAt(i) == '$') return i + 1;
    if (i >= end || !isIdentStart(text.charAt(i))) return -1;
    while (i < end && isIdentPart(text.charAt(i)) && text.charAt(i) != '$') i++;
    return i < end && text.charAt(i) == '$' ? i + 1 : -1;
  }

  private void dollarString() {
    int tagEnd = dollarTagEnd();
    String tag = text.substring(pos, tagEnd);
    int close = indexOfBefore(tag, tagEnd); // within the range: lexing many small ranges stays linear
    if (close < 0) {
      pos = end;
      unterminated = true;
    } else {
      pos = close + tag.length();
    }
    kind = Kind.DOLLAR_STRING;
  }

  /** Where {@code tag} starts at or after {@code from} and ends by the range's end, or -1. */
  private int indexOfBefore(String tag, int from) {
    for (int i = from; i + tag.length() <= end; i++) {
      if (text.startsWith(tag, i)) return i;
    }
    return -1;
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || Character.isDigit(c) || c == '$';
  }

  // ---- helpers used by the parser ---------------------------------------------------------------

  /** First offset in [from, to) that is not whitespace or a comment (to if none). */
  static int skipTrivia(String text, int from, int to) {
    SqlLexer lx = new SqlLexer(text, from, to);
    while (lx.next()) {
      if (!lx.isTrivia()) return lx.start();
    }
    return to;
  }

  /** End of the last token in [from, to) that is not whitespace, a comment or a semicolon. */
  static int endOfLastToken(String text, int from, int to) {
    SqlLexer lx = new SqlLexer(text, from, to);
    int last = from;
    while (lx.next()) {
      if (!lx.isTrivia() && lx.kind() != Kind.SEMICOLON) last = lx.end();
    }
    return last;
  }

  /** Offset of the first semicolon outside quotes and comments in [from, to), or -1. */
  static int nextSemicolon(String text, int from, int to) {
    SqlLexer lx = new SqlLexer(text, from, to);
    while (lx.next()) {
      if (lx.kind() == Kind.SEMICOLON) return lx.start();
    }
    return -1;
  }
}
