package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.report.Localized;
import dev.lockstep.report.Version;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.SyntaxError;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;

/** Findings, syntax errors and unchecked files as LSP diagnostics. */
final class Diagnostics {
  static final String SOURCE = "lockstep";
  /** The code of a statement PostgreSQL's grammar rejects. */
  static final String SYNTAX_ERROR = "syntax-error";
  /** The code of a file (or the rest of one) that was not checked. */
  static final String NOT_CHECKED = "not-checked";

  private Diagnostics() {}

  /**
   * A finding: its rule's severity, lowered to information when it is below the fail level (it would
   * not fail `lint`); the message ends with the lock it takes and what that blocks.
   */
  static Diagnostic finding(Finding f, Range range, Severity failLevel, Catalog catalog) {
    StringBuilder message = new StringBuilder(f.message());
    LockFacts lock = f.lock();
    if (lock != null) {
      message.append(catalog.language() == Language.EN ? "\nLock: " : "\n" + catalog.translate("lock:") + " ")
          .append(Localized.lockLine(lock, catalog));
    }
    Diagnostic d = new Diagnostic(range, message.toString(), severity(f.severity(), failLevel), SOURCE, f.ruleId());
    d.setCodeDescription(new DiagnosticCodeDescription(docUrl(f.ruleId())));
    return d;
  }

  /** @param e the error as {@link Localized#report} words it in {@code catalog}'s language */
  static Diagnostic syntaxError(SyntaxError e, Range range, Catalog catalog) {
    String message = e.stoppedParsing() ? e.message()
        : catalog.format("%s (PostgreSQL rejects this statement: it was skipped and not checked)", e.message());
    return new Diagnostic(range, message, DiagnosticSeverity.Error, SOURCE, SYNTAX_ERROR);
  }

  static Diagnostic notChecked(Range range, String why) {
    return new Diagnostic(range, why, DiagnosticSeverity.Error, SOURCE, NOT_CHECKED);
  }

  static Diagnostic skipped(Range range, String why, Catalog catalog) {
    return new Diagnostic(range, catalog.format("Not linted: %s", catalog.translate(why)), DiagnosticSeverity.Information,
        SOURCE, NOT_CHECKED);
  }

  /** The rule's published documentation, the link SARIF reports give as helpUri. */
  static String docUrl(String ruleId) {
    return Version.docsUrl() + ruleId + ".md";
  }

  static DiagnosticSeverity severity(Severity s, Severity failLevel) {
    if (s == Severity.HINT) return DiagnosticSeverity.Hint;
    if (!s.atLeast(failLevel)) return DiagnosticSeverity.Information;
    return s == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
  }
}
