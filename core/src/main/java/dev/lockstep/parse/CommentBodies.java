package dev.lockstep.parse;

/**
 * Blanks what block comments hold, for the parser: PostgreSQL's scanner matches a comment opener
 * together with every operator character after it and then gives all but two back, so a comment
 * opening with a long run of them (20,000 nested openers, 80 KB) takes time quadratic in its length.
 * The grammar never reads a comment's content, and the comment keeps its delimiters, offsets and
 * line breaks; comments that lint reads (suppressions) are read from the file's own text.
 */
final class CommentBodies {
  private CommentBodies() {}

  /** The text with each terminated block comment's content blanked, or the same string when there is none. */
  static String blank(String text) {
    if (text.indexOf("/*") < 0) return text;
    char[] out = null;
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    while (lx.next()) {
      if (lx.kind() != SqlLexer.Kind.BLOCK_COMMENT || lx.unterminated() || lx.end() - lx.start() <= 4) continue;
      if (out == null) out = text.toCharArray();
      Masks.blank(out, lx.start() + 2, lx.end() - 2);
    }
    return out == null ? text : new String(out);
  }
}
