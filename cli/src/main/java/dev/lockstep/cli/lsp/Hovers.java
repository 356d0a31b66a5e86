package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.report.Localized;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.rules.RuleDocs;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The hover of a flagged statement: each finding there with its lock, the safe rewrite, then the
 * rule's documentation (what `lockstep explain` prints), whose tables are the locks measured on
 * real servers.
 */
final class Hovers {
  private Hovers() {}

  /** The hover at a position, or null where nothing is flagged. */
  static Hover at(DocumentLint lint, Position position) {
    int offset = lint.lines().offset(position);
    List<Finding> here = new ArrayList<>();
    Range range = null;
    for (int i = 0; i < lint.findings().size(); i++) {
      Finding f = lint.findings().get(i);
      int start = f.span().start() + lint.offsetShift();
      int end = f.span().end() + lint.offsetShift();
      if (offset < start || offset > end) continue;
      here.add(f);
      Diagnostic d = lint.findingDiagnostics().get(i);
      if (range == null) range = d.getRange();
    }
    if (here.isEmpty()) return null;
    StringBuilder md = new StringBuilder();
    for (Finding f : here) {
      md.append("**lockstep ").append(f.severity().label()).append(" [").append(f.ruleId()).append("](")
          .append(Diagnostics.docUrl(f.ruleId())).append(")**: ").append(f.message()).append("\n\n");
      LockFacts lock = f.lock();
      if (lock != null) {
        Catalog catalog = lint.project().catalog();
        String label = catalog.language() == Language.EN ? "Lock:" : capitalized(catalog.translate("lock:"));
        md.append("**").append(label).append("** ").append(Localized.lockLine(lock, catalog)).append("\n\n");
      }
      if (f.rewrite() != null) md.append(CodeActions.rewriteMarkdown(f)).append('\n');
    }
    List<String> documented = new ArrayList<>();
    for (Finding f : here) {
      if (documented.contains(f.ruleId())) continue;
      documented.add(f.ruleId());
      md.append("---\n\n").append(RuleDocs.markdown(f.ruleId(), lint.project().catalog().language())).append('\n');
    }
    return new Hover(new MarkupContent(MarkupKind.MARKDOWN, md.toString()), range);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
