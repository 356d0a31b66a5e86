package dev.lockstep.source;

/** A half-open range [start, end) of char offsets into a {@link SourceFile}'s text. */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
  }

  public int length() {
    return end - start;
  }

  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }
}
