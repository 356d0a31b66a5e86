package dev.lockstep.parse;

/** Blanking text for the parser while keeping every offset and line break. */
public final class Masks {
  private Masks() {}

  /** Replaces [from, to) with spaces, keeping line breaks. */
  public static void blank(char[] text, int from, int to) {
    for (int i = from; i < to && i < text.length; i++) {
      if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
    }
  }

  /** Replaces [from, to) with underscores: an identifier of the same length (for template placeholders). */
  public static void identifier(char[] text, int from, int to) {
    for (int i = from; i < to && i < text.length; i++) {
      if (text[i] != '\n' && text[i] != '\r') text[i] = '_';
    }
  }

  /**
   * Replaces [from, to) with an identifier of the same length that ends in {@code ordinal} (base 36),
   * e.g. "__________1": distinct ordinals give distinct identifiers, so a name found in the parse
   * tree maps back to one placeholder. A span too short for the number is all underscores.
   */
  public static String identifier(char[] text, int from, int to, int ordinal) {
    identifier(text, from, to);
    String number = Integer.toString(ordinal, 36);
    int end = Math.min(to, text.length);
    if (end - from > number.length()) number.getChars(0, number.length(), text, end - number.length());
    return new String(text, from, end - from);
  }

  /** Replaces [from, to) with a semicolon and spaces: ends the statement where a tool's marker does. */
  public static void terminator(char[] text, int from, int to) {
    blank(text, from, to);
    if (from < to) text[from] = ';';
  }
}
