package dev.lockstep.fix;

import java.util.regex.Pattern;

/**
 * Line breaks in inserted text follow the line they land on, so that a file with mixed endings
 * keeps each line's own (CRLF, LF or a lone CR) and untouched lines are byte-for-byte the same.
 */
final class LineEndings {
  private static final Pattern BREAK = Pattern.compile("\r\n|\r|\n");

  private LineEndings() {}

  /** The ending of the line holding {@code offset}; for a last line without one, the line before's; else LF. */
  static String at(String text, int offset) {
    for (int i = Math.max(0, offset); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') return "\n";
      if (c == '\r') return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
    }
    for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n') return i > 0 && text.charAt(i - 1) == '\r' ? "\r\n" : "\n";
      if (c == '\r') return "\r";
    }
    return "\n";
  }

  /** {@code inserted} with each of its line breaks written as {@code ending}. */
  static String adapt(String inserted, String ending) {
    if (inserted.indexOf('\n') < 0 && inserted.indexOf('\r') < 0) return inserted;
    return BREAK.matcher(inserted).replaceAll(ending); // CR and LF are plain characters in a replacement
  }
}
