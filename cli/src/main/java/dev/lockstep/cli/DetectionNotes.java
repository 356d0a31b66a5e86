package dev.lockstep.cli;

import dev.lockstep.engine.FileResult;
import dev.lockstep.report.LintReport;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * On stderr: tool configuration that could not be read (once each), and with --explain-detection
 * the tool each file was linted as and why.
 */
final class DetectionNotes {
  private DetectionNotes() {}

  static void write(LintReport report, boolean explain, PrintWriter err) {
    Set<String> notes = new LinkedHashSet<>();
    for (FileResult file : report.files()) {
      if (file.detected() == null) continue;
      notes.addAll(file.detected().notes());
      if (explain) err.println(String.format("%s: %s, from %s", file.path(), file.framework(), file.detected().evidence()));
    }
    for (String note : notes) err.println(String.format("note: %s", note));
    err.flush();
  }
}
