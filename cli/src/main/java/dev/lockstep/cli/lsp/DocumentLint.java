package dev.lockstep.cli.lsp;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * The outcome of linting one version of a document: the diagnostics published for it, and where
 * it was checked, its findings with the diagnostic of each (same order). {@code offsetShift} maps
 * the linter's char offsets (which skip a byte-order mark) to the document's.
 */
record DocumentLint(OpenDocument doc, Project project, LineIndex lines, int offsetShift, FileResult result,
                    List<Diagnostic> diagnostics, List<Finding> findings, List<Diagnostic> findingDiagnostics) {
  static DocumentLint notChecked(OpenDocument doc, Project project, LineIndex lines, Diagnostic why) {
    return new DocumentLint(doc, project, lines, 0, null, List.of(why), List.of(), List.of());
  }
}
