package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.Text;
import dev.lockstep.report.Localized;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;

/**
 * Lints one version of a document through the same entry point as `lint` (framework detection,
 * transactions, size and time limits), with the editor's text in place of the file on disk.
 * Runs on the lint thread, whose parser every lint reuses.
 */
final class DocumentLinter {
  private final ProjectSettings settings;

  DocumentLinter(ProjectSettings settings) {
    this.settings = settings;
  }

  DocumentLint lint(OpenDocument doc) {
    Project project = settings.forFile(doc.path());
    LineIndex lines = new LineIndex(doc.text());
    Range top = lines.range(0, 0);
    if (project.error() != null) {
      return DocumentLint.notChecked(doc, project, lines, Diagnostics.notChecked(top,
          project.catalog().format("Not checked: the configuration cannot be used: %s", project.error())));
    }
    if (doc.path().isAbsolute() && !project.paths().included(doc.path())) { // as lint skips it
      return new DocumentLint(doc, project, lines, 0, null, List.of(), List.of(), List.of());
    }
    if (doc.diskProblem() != null) {
      return DocumentLint.notChecked(doc, project, lines, Diagnostics.notChecked(top,
          project.catalog().format("Not checked: the file %s", doc.diskProblem())));
    }
    SourceFile source;
    try {
      source = SourceFile.of(doc.path().toString(), doc.text());
    } catch (InputException e) {
      return DocumentLint.notChecked(doc, project, lines, Diagnostics.notChecked(top,
          project.catalog().format("Not checked: the file %s", e.problemWithPlace())));
    }
    LintReport report = project.linter().lintAll(List.of(source), List.of(), 1);
    if (!report.problems().isEmpty()) {
      InputProblem p = report.problems().get(0);
      return DocumentLint.notChecked(doc, project, lines, Diagnostics.notChecked(top,
          project.catalog().format("Not checked: the file %s", Text.of(Localized.parserText(p.text(), project.catalog())))));
    }
    if (!report.skipped().isEmpty()) {
      return DocumentLint.notChecked(doc, project, lines, Diagnostics.skipped(top, report.skipped().get(0).reason(), project.catalog()));
    }
    // findings in the project's language: diagnostics, hovers and code actions all show them
    FileResult result = Localized.report(report, project.catalog()).files().get(0);
    int shift = source.hasBom() ? 1 : 0;
    List<Diagnostic> all = new ArrayList<>();
    List<Diagnostic> ofFindings = new ArrayList<>();
    for (Finding f : result.findings()) {
      Diagnostic d = Diagnostics.finding(f, lines.range(f.span().start() + shift, f.span().end() + shift), project.failLevel(),
          project.catalog());
      ofFindings.add(d);
      all.add(d);
    }
    for (SyntaxError e : result.syntaxErrors()) {
      int at = e.offset() + shift;
      all.add(Diagnostics.syntaxError(e, lines.range(at, errorEnd(doc.text(), at, e.statement().end() + shift)),
          project.catalog()));
    }
    return new DocumentLint(doc, project, lines, shift, result, all, result.findings(), ofFindings);
  }

  /** A syntax error is marked from its offset to the end of its line, within its statement. */
  private static int errorEnd(String text, int at, int statementEnd) {
    int end = at;
    while (end < text.length() && end < statementEnd && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
    return Math.max(end, Math.min(at + 1, text.length()));
  }
}
