package dev.lockstep.parse;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seed data and {@code pg_dump --inserts} write {@code INSERT ... VALUES} with hundreds of thousands
 * of rows, and generated queries long {@code IN (...)} lists and {@code ARRAY[...]} literals. Parsing
 * them all makes a tree of millions of nodes that no rule reads, so rows (and list elements) past the
 * first {@link #KEPT_ROWS} that hold nothing but plain constants (numbers, standard strings, NULL,
 * TRUE, FALSE, DEFAULT, the current time, {@code now()} and the like), each perhaps cast to a
 * built-in type ({@code 1::int}, {@code 'a'::text[]}),
 * are blanked for the parser, together with the comma before them. Such rows are valid SQL whatever
 * the constants are, so nothing that could be an error goes unchecked; a row with anything else (an
 * expression, a comment, a cast to a type of the schema, a string a rule may look for, such as an
 * enum value the file adds) is parsed as written, and so is everything after it in its list.
 * Offsets and lines are kept.
 */
final class ConstantRows {
  static final int KEPT_ROWS = 100;
  private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
  private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "default", "current_timestamp",
      "current_date", "current_time", "localtimestamp", "localtime");
  /** Calls without arguments that seed data uses for a row's time or key: valid wherever a value is. */
  private static final Set<String> CALLS = Set.of("now()", "gen_random_uuid()", "uuid_generate_v4()", "clock_timestamp()",
      "statement_timestamp()", "transaction_timestamp()", "random()");
  /** Casts to built-in types whose names are valid wherever a type is: the grammar accepts them whatever the constant. */
  private static final Pattern CASTS = Pattern.compile("(?i)(::(smallint|integer|int|bigint|int2|int4|int8|real|float4|float8"
      + "|numeric|decimal|boolean|bool|text|varchar|char|bpchar|name|uuid|json|jsonb|date|time|timetz|timestamp"
      + "|timestamptz|interval|bytea|inet|cidr|macaddr|money|oid|regclass|xml)(\\[])?)*");

  private ConstantRows() {}

  /** The text with long VALUES lists' constant rows (and long lists' constants) blanked, or the same string when there is none. */
  static String blank(String text) {
    if (text.length() < 64 * 1024) return text; // a list worth blanking is long
    Set<String> addedEnumValues = addedEnumValues(text);
    char[] out = null;
    SqlLexer lx = new SqlLexer(text, 0, text.length());
    while (next(lx)) {
      if (lx.kind() != SqlLexer.Kind.WORD) continue;
      String word = word(text, lx);
      if (word.equals("in") || word.equals("array")) {
        char open = word.equals("in") ? '(' : '[';
        if (next(lx) && lx.kind() == SqlLexer.Kind.OTHER && text.charAt(lx.start()) == open) {
          out = blankElements(text, lx, open == '(' ? ')' : ']', addedEnumValues, out);
        }
        continue;
      }
      if (!word.equals("values")) continue;
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

  /**
   * At a list's opener: blanks its constant elements past the first {@link #KEPT_ROWS}, each with
   * the comma before it, up to the closer or the first element that is not a constant.
   */
  private static char[] blankElements(String text, SqlLexer lx, char close, Set<String> keepStrings, char[] out) {
    int count = 0;
    int commaBefore = -1;
    Element element = new Element();
    while (next(lx)) {
      char c = text.charAt(lx.start());
      if (lx.kind() == SqlLexer.Kind.OTHER && (c == ',' || c == close) && !element.inCall()) {
        if (!element.constant()) return out;
        count++;
        if (count > KEPT_ROWS && commaBefore >= 0) {
          if (out == null) out = text.toCharArray();
          Masks.blank(out, commaBefore, lx.start());
        }
        if (c == close) return out;
        commaBefore = lx.start();
        element = new Element();
      } else if (!element.add(text, lx, keepStrings)) {
        return out;
      }
    }
    return out;
  }

  /** One constant as its tokens come: a number, keyword or standard string, then casts to built-in types. */
  private static final class Element {
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder casts = new StringBuilder();
    private boolean string;
    private int end = -1;

    /**
     * Takes the next token; false when the element can no longer be a constant. Its tokens touch:
     * "1 2" or "1::int 8" are not one constant.
     */
    boolean add(String text, SqlLexer lx, Set<String> keepStrings) {
      boolean first = end < 0;
      if (!first && lx.start() != end) return false;
      end = lx.end();
      if (lx.kind() == SqlLexer.Kind.STRING) {
        String literal = text.substring(lx.start(), lx.end());
        // standard strings only: the parser reads backslashes in them as themselves, as the lexer here does
        if (string || head.length() > 0 || casts.length() > 0 || lx.unterminated() || literal.charAt(0) != '\''
            || keepStrings.contains(unquote(literal))) {
          return false;
        }
        string = true;
        return true;
      }
      if (lx.kind() != SqlLexer.Kind.WORD && lx.kind() != SqlLexer.Kind.OTHER) return false;
      if (string || casts.length() > 0 || text.charAt(lx.start()) == ':') casts.append(text, lx.start(), lx.end());
      else head.append(text, lx.start(), lx.end());
      return true;
    }

    boolean constant() {
      return (string || ConstantRows.constant(head)) && CASTS.matcher(casts).matches();
    }

    /** Whether the element is a call whose ')' is still to come: "now(". */
    boolean inCall() {
      return casts.length() == 0 && head.length() > 0 && head.charAt(head.length() - 1) == '(';
    }
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
    Element element = new Element();
    while (next(lx)) {
      char c = text.charAt(lx.start());
      if (lx.kind() == SqlLexer.Kind.OTHER && (c == ',' || c == ')') && !element.inCall()) {
        if (!element.constant()) return -1;
        if (c == ')') return lx.end();
        element = new Element();
      } else if (!element.add(text, lx, keepStrings)) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean constant(CharSequence element) {
    String e = element.toString();
    String lower = e.toLowerCase(Locale.ROOT);
    return NUMBER.matcher(e).matches() || KEYWORDS.contains(lower) || CALLS.contains(lower);
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
