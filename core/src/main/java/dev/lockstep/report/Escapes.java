package dev.lockstep.report;

/**
 * Makes text from migrations and file names safe to print to a terminal or a line-based format:
 * control characters (an escape sequence retitles or clears a terminal; a newline in a file name
 * would start a fake {@code path:line:col: error:} line) and the invisible marks that reorder text
 * (bidirectional overrides) are shown as escapes such as {@code \n}, {@code \x1b} or {@code \u202e}.
 * Tabs stay: they move nothing but the cursor.
 */
public final class Escapes {
  private Escapes() {}

  /** The text with every control character but tab, and every bidirectional control, escaped. */
  public static String text(String s) {
    if (s == null) return null;
    int i = 0;
    while (i < s.length() && !needsEscape(s.charAt(i))) i++;
    if (i == s.length()) return s;
    StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) append(out, s.charAt(i));
    return out.toString();
  }

  /** Appends {@code c} as it prints safely: itself, or its escape. */
  static void append(StringBuilder out, char c) {
    if (!needsEscape(c)) {
      out.append(c);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\r') {
      out.append("\\r");
    } else if (c <= 0xff) {
      out.append(String.format("\\x%02x", (int) c));
    } else {
      out.append(String.format("\\u%04x", (int) c));
    }
  }

  /** How many columns {@code c} takes once escaped (1 when it needs no escape). */
  static int width(char c) {
    if (!needsEscape(c)) return 1;
    if (c == '\n' || c == '\r') return 2;
    return c <= 0xff ? 4 : 6;
  }

  static boolean needsEscape(char c) {
    if (c == '\t') return false;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f'
        || c == '\u061c';
  }
}
