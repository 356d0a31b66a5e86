package dev.lockstep.cli.lsp;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between char offsets into a document and LSP positions: 0-based lines, and columns in
 * UTF-16 code units (Java chars), the protocol's default encoding. LF, CRLF and a lone CR end a line.
 */
final class LineIndex {
  private final int length;
  private final int[] starts;

  LineIndex(String text) {
    length = text.length();
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

  Position position(int offset) {
    int at = Math.max(0, Math.min(offset, length));
    int i = Arrays.binarySearch(starts, at);
    int line = i >= 0 ? i : -i - 2;
    return new Position(line, at - starts[line]);
  }

  Range range(int start, int end) {
    return new Range(position(start), position(end));
  }

  /** The offset of a position; a line or column past the end is clamped (clients may send stale positions). */
  int offset(Position p) {
    if (p.getLine() < 0) return 0;
    if (p.getLine() >= starts.length) return length;
    int lineEnd = p.getLine() + 1 < starts.length ? starts[p.getLine() + 1] : length;
    return Math.min(starts[p.getLine()] + Math.max(0, p.getCharacter()), lineEnd);
  }

  /** Start of the line holding the offset. */
  int lineStart(int offset) {
    return offset(new Position(position(offset).getLine(), 0));
  }
}
