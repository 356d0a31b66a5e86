package dev.lockstep.fix;

import java.util.Comparator;
import java.util.List;

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

  /**
   * {@code text} with non-overlapping edits applied, last first so that earlier offsets stay valid;
   * edits at one point apply in list order.
   */
  public static String applyAll(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = edits.stream().sorted(Comparator.comparingInt(TextEdit::start)).toList();
    StringBuilder sb = new StringBuilder(text);
    for (int i = sorted.size() - 1; i >= 0; i--) {
      TextEdit e = sorted.get(i);
      sb.replace(e.start(), e.end(), LineEndings.adapt(e.text(), LineEndings.at(text, e.start())));
    }
    return sb.toString();
  }
}
