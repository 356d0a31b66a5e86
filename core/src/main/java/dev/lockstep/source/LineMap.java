package dev.lockstep.source;

import java.util.Arrays;

/**
 * Line starts of a text; LF, CRLF and a lone CR each end a line, as editors count them. Offsets are
 * char offsets (UTF-16 code units).
 */
public final class LineMap {
  private final String text;
  private final int[] starts;

  public LineMap(String text) {
    this.text = text;
    int[] s = new int[16];
    int n = 0;
    s[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
      if (c == '\n' || c == '\r') {
        if (n == s.length) s = Arrays.copyOf(s, n * 2);
        s[n++] = i + 1;
      }
    }
    starts = Arrays.copyOf(s, n);
  }

  public int lineCount() {
    return starts.length;
  }

  /** 0-based line index containing the char offset. */
  public int lineIndex(int offset) {
    int i = Arrays.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }

  public int lineStart(int lineIndex) {
    return starts[lineIndex];
  }

  /** End of the line's content, before its terminator. */
  public int lineEnd(int lineIndex) {
    int end = lineIndex + 1 < starts.length ? starts[lineIndex + 1] : text.length();
    while (end > starts[lineIndex] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
    return end;
  }

  Position position(int offset) {
    int line = lineIndex(offset);
    int start = starts[line];
    return new Position(line + 1, text.codePointCount(start, Math.min(offset, text.length())) + 1);
  }
}
