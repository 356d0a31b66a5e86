package dev.lockstep.fix;

import java.util.Comparator;
import java.util.List;

/** A titled set of non-overlapping text edits with an applicability level. */
public record Fix(String title, Applicability applicability, List<TextEdit> edits) {
  public Fix {
    edits = edits.stream().sorted(Comparator.comparingInt(TextEdit::start)).toList();
    for (int i = 1; i < edits.size(); i++) {
      if (edits.get(i).start() < edits.get(i - 1).end()) {
        throw new IllegalArgumentException("overlapping edits in fix '" + title + "'");
      }
    }
  }

  public static Fix of(String title, Applicability applicability, TextEdit... edits) {
    return new Fix(title, applicability, List.of(edits));
  }

  /** The text with this fix's edits applied. */
  public String applyTo(String text) {
    return TextEdit.applyAll(text, edits);
  }
}
