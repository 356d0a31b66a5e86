package dev.lockstep.parse;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seed data and {@code pg_dump --inserts} write {@code INSERT ... VALUES} with hundreds of thousands
 * of rows. Parsing them all makes a tree of millions of nodes that no rule reads, so rows past the
 * first {@link #KEPT_ROWS} that hold nothing but plain constants (numbers, standard strings, NULL,
 * TRUE, FALSE, DEFAULT) are blanked for the parser, together with the comma
 * before them. Such rows are valid SQL whatever the constants are, so nothing that could be an error
 * goes unchecked; a row with anything else (an expression, a comment, a string a rule may look for,
 * such as an enum value the file adds) is parsed as written. Offsets and lines are kept.
 */
final class ConstantRows {
  static final int KEPT_ROWS = 100;
  private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
  private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "default");

  private ConstantRows() {}

  /** The text with long VALUES lists' constant rows blanked, or the same string when there is none. */
  static String blank(String text) {
    if (text.length() < 64 * 1024) return text; // a list worth blanking is long
    Set<String> addedEnumValues = addedEnumValues(text);
    char[] out = null;
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    while (next(lx)) {
      if (lx.kind() != SqlLexer.Kind.WORD || !word(text, lx).equals("values")) continue;
      int rows = 0;
      int rowEnd = -1; // end of the last row, where a following comma would be
      while (next(lx) && lx.kind() == SqlLexer.Kind.OTHER && text.charAt(lx.start()) == '(') {
        int commaStart = rowEnd;
        int end = constantRowEnd(text, lx, addedEnumValues);
        if (end < 0) { // not a row of constants: the lexer stopped somewhere inside it; find the next VALUES
          break;
        }
        rows++;
        if (rows > KEPT_ROWS && commaStart >= 0) {
          if (out == null) out = text.toCharArray();
          Masks.blank(out, commaStart, end);
        }
        rowEnd = end;
        if (!next(lx) || lx.kind() != SqlLexer.Kind.OTHER || text.charAt(lx.start()) != ',') break;
        rowEnd = lx.start();
        // the comma is blanked with the row after it
      }
    }
    return out == null ? text : new String(out);
  }

  /** Advances past spaces; comments are tokens here, so a row with one is not blanked. */
  private static boolean next(SqlLexer lx) {
    while (lx.next()) {
      if (lx.kind() != SqlLexer.Kind.SPACE) return true;
    }
    return false;
  }

  /**
   * At a row's '(': reads constants separated by commas up to ')' and returns the offset after it,
   * or -1 when the row holds anything else.
   */
  private static int constantRowEnd(String text, SqlLexer lx, Set<String> keepStrings) {
    StringBuilder element = new StringBuilder();
    boolean string = false;
    while (next(lx)) {
      char c = text.charAt(lx.start());
      boolean separator = lx.kind() == SqlLexer.Kind.OTHER && (c == ',' || c == ')');
      if (separator) {
        if (!string && !constant(element)) return -1;
        if (c == ')') return lx.end();
        element.setLength(0);
        string = false;
        continue;
      }
      if (lx.kind() == SqlLexer.Kind.STRING) {
        String literal = text.substring(lx.start(), lx.end());
        // standard strings only: the parser reads backslashes in them as themselves, as the lexer here does
        if (string || element.length() > 0 || lx.unterminated() || literal.charAt(0) != '\''
            || keepStrings.contains(unquote(literal))) {
          return -1;
        }
        string = true;
      } else if (string || (lx.kind() != SqlLexer.Kind.WORD && lx.kind() != SqlLexer.Kind.OTHER)) {
        return -1;
      } else {
        element.append(text, lx.start(), lx.end());
      }
    }
    return -1;
  }

  private static boolean constant(CharSequence element) {
    String e = element.toString();
    return NUMBER.matcher(e).matches() || KEYWORDS.contains(e.toLowerCase(Locale.ROOT));
  }

  /** The values ALTER TYPE ... ADD VALUE adds anywhere in the file: rows using them are parsed. */
  private static Set<String> addedEnumValues(String text) {
    Set<String> out = new HashSet<>();
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    String before = "";
    String last = "";
    while (lx.next()) {
      if (lx.isTrivia()) continue;
      if (lx.kind() == SqlLexer.Kind.STRING && (last.equals("value") || (last.equals("exists") && before.equals("not")))) {
        out.add(unquote(text.substring(lx.start(), lx.end())));
      }
      before = last;
      last = lx.kind() == SqlLexer.Kind.WORD ? word(text, lx) : "";
    }
    return out;
  }

  private static String word(String text, SqlLexer lx) {
    return text.substring(lx.start(), lx.end()).toLowerCase(Locale.ROOT);
  }

  private static String unquote(String literal) {
    int from = literal.indexOf('\'') + 1;
    int to = literal.endsWith("'") && literal.length() > from ? literal.length() - 1 : literal.length();
    return literal.substring(from, to).replace("''", "'");
  }
}
