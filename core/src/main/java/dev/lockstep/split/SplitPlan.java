package dev.lockstep.split;

import dev.lockstep.fix.Relocation;
import dev.lockstep.i18n.Text;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lockstep fix --split} does to one migration: its new text, the files it creates
 * (new migrations, their .conf or down files) or rewrites (Drizzle's journal), and notes for the
 * reader (statements kept in place and why, things to review).
 */
public record SplitPlan(String originalText, List<NewFile> files, List<Text> notes, List<Relocation> moved) {
  public SplitPlan {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
    moved = List.copyOf(moved);
  }

  /** A layout's part of the plan; {@link Splitter} adds what moved. */
  SplitPlan(String originalText, List<NewFile> files, List<Text> notes) {
    this(originalText, files, notes, List.of());
  }

  /** A file to write; {@code replaces} is its current text when it exists already, else null. */
  public record NewFile(Path path, String text, String replaces) {}

  public boolean changes(String text) {
    return !files.isEmpty() || !originalText.equals(text);
  }
}
