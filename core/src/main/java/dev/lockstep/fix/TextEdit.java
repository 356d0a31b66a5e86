package dev.lockstep.fix;

/** Replace chars [start, end) of the original text with {@code text}. */
public record TextEdit(int start, int end, String text) {
  public TextEdit {
    if (start < 0 || end < start) throw new IllegalArgumentException("bad edit range " + start + ".." + end);
  }

  public static TextEdit insert(int at, String text) {
    return new TextEdit(at, at, text);
  }

  public static TextEdit delete(int start, int end) {
    return new TextEdit(start, end, "");
  }
}
