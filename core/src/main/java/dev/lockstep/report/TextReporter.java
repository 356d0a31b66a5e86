package dev.lockstep.report;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Severity;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.util.List;

/**
 * The human format: {@code path:line:col: severity [rule-id] message}, a code frame with a caret
 * under the offending span, the lock taken, and the safe rewrite.
 */
public final class TextReporter implements Reporter {
  /** Characters of a source line shown in a code frame. */
  private static final int FRAME_WIDTH = 160;
  private final boolean color;
  private final Catalog catalog;

  public TextReporter(boolean color) {
    this(color, Catalog.ENGLISH);
  }

  public TextReporter(boolean color, Catalog catalog) {
    this.color = color;
    this.catalog = catalog;
  }

  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    report = Localized.report(report, catalog);
    for (InputProblem p : report.problems()) {
      out.append(Escapes.text(p.where())).append(": ").append(paint("1;31", catalog.translate("error"))).append(": ").append(oneLine(p.message())).append('\n');
    }
    for (FileResult file : report.files()) {
      // syntax errors and findings in file order
      int e = 0;
      int f = 0;
      List<SyntaxError> errors = file.syntaxErrors();
      List<Finding> findings = file.findings();
      while (e < errors.size() || f < findings.size()) {
        if (f == findings.size() || (e < errors.size() && errors.get(e).offset() <= findings.get(f).span().start())) {
          writeSyntaxError(file.source(), errors.get(e++), out);
        } else {
          writeFinding(file.source(), findings.get(f++), out);
        }
      }
    }
    writeSummary(report, out);
  }

  private void writeSyntaxError(SourceFile source, SyntaxError e, Appendable out) throws IOException {
    Position at = source.position(e.offset());
    out.append(Escapes.text(source.path())).append(':').append(String.valueOf(at.line())).append(':').append(String.valueOf(at.column()))
        .append(": ").append(paint("1;31", catalog.translate("error"))).append(" [syntax-error] ").append(oneLine(e.message())).append('\n');
    frame(source, at, at, out);
    out.append("  = ").append(catalog.translate("PostgreSQL rejects this statement; it was skipped and not checked")).append("\n\n");
  }

  private void writeFinding(SourceFile source, Finding f, Appendable out) throws IOException {
    out.append(Escapes.text(f.path())).append(':').append(String.valueOf(f.start().line())).append(':')
        .append(String.valueOf(f.start().column())).append(": ")
        .append(paint(f.severity() == Severity.ERROR ? "1;31" : f.severity() == Severity.WARNING ? "1;33" : "1;36",
            Localized.severity(f.severity(), catalog)))
        .append(' ').append(paint("1", "[" + f.ruleId() + "]")).append(' ').append(oneLine(f.message())).append('\n');
    frame(source, f.start(), f.end(), out);
    LockFacts lock = f.lock();
    if (lock != null) {
      out.append("  = ").append(catalog.translate("lock:")).append(' ').append(oneLine(Localized.lockLine(lock, catalog))).append('\n');
    }
    Rewrite rewrite = f.rewrite();
    if (rewrite != null) {
      out.append("  = ").append(catalog.translate("instead:")).append(' ').append(oneLine(rewrite.summary())).append('\n');
      for (Rewrite.Step step : rewrite.steps()) {
        out.append(step.shell() ? "      # " : "      -- ").append(oneLine(step.runs())).append('\n');
        for (String line : step.sql().split("\\R", -1)) out.append("      ").append(Escapes.text(line)).append('\n');
      }
    }
    out.append('\n');
  }

  /**
   * The start line with a caret under [start, end) (to the end of the line if the span goes on).
   * Long lines are cut to a window around the start, marked with an ellipsis.
   */
  private void frame(SourceFile source, Position start, Position end, Appendable out) throws IOException {
    String line = source.lineText(start.line());
    int lineLength = line.codePointCount(0, line.length());
    int from = Math.min(start.column() - 1, lineLength);
    int to = end.line() == start.line() ? Math.min(end.column() - 1, lineLength) : lineLength;
    int windowStart = from > FRAME_WIDTH / 2 ? from - FRAME_WIDTH / 4 : 0;
    int windowEnd = Math.min(lineLength, windowStart + FRAME_WIDTH);
    String prefix = windowStart > 0 ? "..." : "";
    line = prefix + line.substring(line.offsetByCodePoints(0, windowStart), line.offsetByCodePoints(0, windowEnd))
        + (windowEnd < lineLength ? "..." : "");
    from = from - windowStart + prefix.length();
    to = Math.min(to, windowEnd) - windowStart + prefix.length();
    String number = String.valueOf(start.line());
    String gutter = " ".repeat(number.length());
    out.append(' ').append(gutter).append(" |\n");
    // the line as it prints safely, with the caret under the same characters once they are escaped
    StringBuilder shown = new StringBuilder();
    StringBuilder caret = new StringBuilder();
    int offset = 0;
    for (int i = 0; offset < line.length(); i++) {
      int cp = line.codePointAt(offset);
      int width = Character.charCount(cp) == 1 ? Escapes.width((char) cp) : 1;
      if (Character.charCount(cp) == 1) Escapes.append(shown, (char) cp); else shown.appendCodePoint(cp);
      if (i < from) {
        caret.append(cp == '\t' ? "\t" : " ".repeat(width)); // keep tabs so the caret lines up in any tab width
      } else if (i < to) {
        caret.append("^".repeat(width));
      }
      offset += Character.charCount(cp);
    }
    if (caret.indexOf("^") < 0) caret.append('^');
    out.append(' ').append(number).append(" | ").append(shown).append('\n');
    out.append(' ').append(gutter).append(" | ").append(paint("1;31", caret.toString())).append('\n');
  }

  /** A line break in a message (from a quoted name) would break "path:line:col: ..." lines apart. */
  static String oneLine(String message) {
    return Escapes.text(message.replaceAll("\\R", " "));
  }

  private void writeSummary(LintReport report, Appendable out) throws IOException {
    long errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = report.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    long hints = report.findings().size() - errors - warnings;
    int files = report.files().size();
    String found = report.findings().isEmpty() ? catalog.translate("No findings")
        : count(report.findings().size(), "%d finding", "%d findings") + " ("
            + count((int) errors, "%d error", "%d errors") + ", " + count((int) warnings, "%d warning", "%d warnings")
            + ", " + count((int) hints, "%d hint", "%d hints") + ")";
    StringBuilder sb = new StringBuilder(catalog.format("%s in %s", found, count(files, "%d file", "%d files")));
    int suppressed = report.files().stream().mapToInt(f -> f.suppressed().size()).sum();
    if (suppressed > 0) sb.append("; ").append(catalog.format("%d suppressed", suppressed));
    if (report.baselined() > 0) {
      sb.append("; ").append(count(report.baselined(), "%d baselined finding remain", "%d baselined findings remain"));
    }
    if (!report.skipped().isEmpty()) {
      sb.append("; ").append(count(report.skipped().size(), "%d file not deployed (down migrations) skipped",
          "%d files not deployed (down migrations) skipped"));
    }
    if (report.syntaxErrorCount() > 0) sb.append("; ").append(count(report.syntaxErrorCount(), "%d syntax error", "%d syntax errors"));
    if (!report.problems().isEmpty()) {
      sb.append("; ").append(count(report.problems().size(), "%d unreadable input", "%d unreadable inputs"));
    }
    if (report.config() != null) sb.append("; ").append(catalog.format("settings from %s", Escapes.text(report.config())));
    out.append(sb).append(".\n");
  }

  /** One of two whole templates, singular for exactly one (as English, Spanish and Portuguese count). */
  private String count(int n, String one, String many) {
    return catalog.format(n == 1 ? one : many, n);
  }

  private String paint(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
