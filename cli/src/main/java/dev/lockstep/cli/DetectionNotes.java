package dev.lockstep.cli;

import dev.lockstep.engine.FileResult;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.Escapes;
import dev.lockstep.report.LintReport;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * On stderr, in the run's language: tool configuration that could not be read (once each), and with
 * --explain-detection the tool each file was linted as and why.
 */
final class DetectionNotes {
  private DetectionNotes() {}

  static void write(LintReport report, boolean explain, PrintWriter err, Catalog catalog) {
    Set<Text> notes = new LinkedHashSet<>();
    for (FileResult file : report.files()) {
      if (file.detected() == null) continue;
      notes.addAll(file.detected().notes());
      if (explain) {
        err.println(Escapes.text(catalog.format("%s: %s, from %s", file.path(), file.framework(), file.detected().evidence())));
      }
    }
    for (Text note : notes) err.println(note(note, catalog));
    err.flush();
  }

  /** "note: ..." in the catalogue's language, on one line. */
  static String note(Text note, Catalog catalog) {
    return Escapes.text(catalog.format("note: %s", note));
  }
}
