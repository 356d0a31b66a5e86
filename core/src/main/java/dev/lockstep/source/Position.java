package dev.lockstep.source;

/** A 1-based line and 1-based column counted in Unicode characters (code points); a tab is one. */
public record Position(int line, int column) {
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
