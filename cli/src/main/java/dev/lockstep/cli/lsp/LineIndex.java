package dev.lockstep.cli.lsp;

import dev.lockstep.source.LineMap;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between char offsets into a document and LSP positions: 0-based lines, and columns in
 * UTF-16 code units (Java chars), the protocol's default encoding. Lines end as {@link LineMap} says.
 */
final class LineIndex {
  private final int length;
  private final LineMap lines;

  LineIndex(String text) {
    length = text.length();
    lines = new LineMap(text);
  }

  Position position(int offset) {
    int at = Math.max(0, Math.min(offset, length));
    int line = lines.lineIndex(at);
    return new Position(line, at - lines.lineStart(line));
  }

  Range range(int start, int end) {
    return new Range(position(start), position(end));
  }

  /** The offset of a position; a line or column past the end is clamped (clients may send stale positions). */
  int offset(Position p) {
    if (p.getLine() < 0) return 0;
    if (p.getLine() >= lines.lineCount()) return length;
    int lineEnd = p.getLine() + 1 < lines.lineCount() ? lines.lineStart(p.getLine() + 1) : length;
    return Math.min(lines.lineStart(p.getLine()) + Math.max(0, p.getCharacter()), lineEnd);
  }

  /** Start of the line holding the offset. */
  int lineStart(int offset) {
    return offset(new Position(position(offset).getLine(), 0));
  }
}
