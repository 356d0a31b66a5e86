package dev.lockstep.cli.lsp;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.parse.StatementStarts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * The code actions of the findings on a range: each fix of the finding (safe ones preferred,
 * the others labelled), a suppression comment with a reason to fill in, and the safe rewrite.
 */
final class CodeActions {
  /** Shows a finding's safe rewrite; its one argument is the rewrite as Markdown. */
  static final String SHOW_REWRITE = "lockstep.showRewrite";
  /** The reason a new suppression comment carries until the developer writes the real one. */
  static final String REASON_PLACEHOLDER = "TODO: why this lock is acceptable here";

  private CodeActions() {}

  static List<CodeAction> forRange(DocumentLint lint, Range range) {
    List<CodeAction> out = new ArrayList<>();
    for (int i = 0; i < lint.findings().size(); i++) {
      Diagnostic d = lint.findingDiagnostics().get(i);
      if (!overlaps(d.getRange(), range)) continue;
      Finding f = lint.findings().get(i);
      for (Fix fix : f.fixes()) out.add(fix(lint, f, d, fix));
      out.add(suppress(lint, f, d));
      if (f.rewrite() != null) out.add(showRewrite(f, d));
    }
    return out;
  }

  private static CodeAction fix(DocumentLint lint, Finding f, Diagnostic d, Fix fix) {
    String label = switch (fix.applicability()) {
      case SAFE -> "";
      case UNSAFE -> " (unsafe: changes behaviour, review it; see " + f.ruleId() + " Fix safety)";
      case DISPLAY_ONLY -> " (not safe as is: the change must be staged by hand; see " + f.ruleId() + " Fix safety)";
    };
    CodeAction action = new CodeAction(fix.title() + label);
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(d));
    action.setIsPreferred(fix.applicability() == Applicability.SAFE);
    List<TextEdit> edits = new ArrayList<>();
    for (dev.lockstep.fix.TextEdit e : fix.edits()) {
      edits.add(new TextEdit(lint.lines().range(e.start() + lint.offsetShift(), e.end() + lint.offsetShift()), e.text()));
    }
    action.setEdit(new WorkspaceEdit(Map.of(lint.doc().uri(), edits)));
    return action;
  }

  /**
   * A {@code -- lockstep-ignore <rule> -- <reason>} comment on its own line right before the
   * statement (the line suppressions attach to), indented like the statement.
   */
  private static CodeAction suppress(DocumentLint lint, Finding f, Diagnostic d) {
    String text = lint.doc().text();
    int statement = StatementStarts.startOf(text, f.span().start() + lint.offsetShift());
    int lineStart = lint.lines().lineStart(statement);
    String before = text.substring(lineStart, statement);
    String comment = "-- lockstep-ignore " + f.ruleId() + " -- " + REASON_PLACEHOLDER;
    TextEdit edit = before.isBlank()
        ? new TextEdit(lint.lines().range(lineStart, lineStart), before + comment + lineBreak(text))
        : new TextEdit(lint.lines().range(statement, statement), lineBreak(text) + comment + lineBreak(text));
    CodeAction action = new CodeAction("Suppress " + f.ruleId() + " on this statement (with a reason)");
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(d));
    action.setEdit(new WorkspaceEdit(Map.of(lint.doc().uri(), List.of(edit))));
    return action;
  }

  private static CodeAction showRewrite(Finding f, Diagnostic d) {
    String title = "Show the safe rewrite for " + f.ruleId();
    CodeAction action = new CodeAction(title);
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(d));
    action.setCommand(new Command(title, SHOW_REWRITE, List.of(rewriteMarkdown(f))));
    return action;
  }

  /** The rewrite as Markdown: its summary, then each step's SQL with how that step must run. */
  static String rewriteMarkdown(Finding f) {
    Rewrite r = f.rewrite();
    StringBuilder sb = new StringBuilder("Instead of this statement (").append(f.ruleId()).append("): ")
        .append(r.summary()).append("\n");
    for (Rewrite.Step step : r.steps()) {
      String fence = step.shell() ? "sh" : "sql";
      String comment = step.shell() ? "# " : "-- ";
      sb.append("\n```").append(fence).append('\n').append(comment).append(step.runs()).append('\n').append(step.sql())
          .append("\n```\n");
    }
    return sb.toString();
  }

  private static String lineBreak(String text) {
    int lf = text.indexOf('\n');
    return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
  }

  private static boolean overlaps(Range a, Range b) {
    return !before(a.getEnd(), b.getStart()) && !before(b.getEnd(), a.getStart());
  }

  private static boolean before(org.eclipse.lsp4j.Position x, org.eclipse.lsp4j.Position y) {
    return x.getLine() < y.getLine() || (x.getLine() == y.getLine() && x.getCharacter() < y.getCharacter());
  }
}
