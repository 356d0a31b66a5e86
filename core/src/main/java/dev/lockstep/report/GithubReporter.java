package dev.lockstep.report;

import dev.lockstep.engine.Rewrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...::message}), which GitHub shows
 * as annotations on the pull request diff; and, when GITHUB_STEP_SUMMARY names a file, a Markdown
 * table of the problems appended to it. Both carry, beside the message, the first line of the safe
 * rewrite and the rule's documentation, so a reviewer sees what to do without opening the log.
 */
public final class GithubReporter implements Reporter {
  private final String summaryFile;

  public GithubReporter() {
    this(System.getenv("GITHUB_STEP_SUMMARY"));
  }

  GithubReporter(String summaryFile) {
    this.summaryFile = summaryFile;
  }

  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    ReportItems items = ReportItems.of(report);
    for (ReportItems.Item i : items.items()) {
      String command = switch (i.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case HINT -> "notice";
      };
      out.append("::").append(command)
          .append(" file=").append(property(i.path()))
          .append(",line=").append(String.valueOf(i.start().line()))
          .append(",col=").append(String.valueOf(i.start().column()))
          .append(",endLine=").append(String.valueOf(i.end().line()))
          .append(",endColumn=").append(String.valueOf(i.end().column()))
          .append(",title=").append(property("lockstep " + i.ruleId()))
          .append("::").append(data(annotation(i))).append('\n');
    }
    if (summaryFile != null && !summaryFile.isBlank()) {
      Files.writeString(Path.of(summaryFile), summary(items), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  /** The annotation's text: the message, then "instead:" and the rewrite's first line, then the rule's doc. */
  static String annotation(ReportItems.Item i) {
    StringBuilder sb = new StringBuilder(i.message());
    String instead = rewriteStart(i);
    if (instead != null) sb.append("\ninstead: ").append(instead);
    String docs = docs(i);
    if (docs != null) sb.append("\ndocs: ").append(docs);
    return sb.toString();
  }

  static String summary(ReportItems items) {
    StringBuilder sb = new StringBuilder("## lockstep\n\n");
    if (items.items().isEmpty()) return sb.append("No findings.\n\n").toString();
    sb.append("| severity | rule | location | message | instead |\n|---|---|---|---|---|\n");
    for (ReportItems.Item i : items.items()) {
      String docs = docs(i);
      String rule = code(i.ruleId());
      String instead = rewriteStart(i);
      sb.append("| ").append(i.severity().label())
          .append(" | ").append(docs == null ? rule : "[" + rule + "](" + docs + ")")
          .append(" | ").append(code(i.path() + ":" + i.start().line() + ":" + i.start().column()))
          .append(" | ").append(cell(i.message()))
          .append(" | ").append(instead == null ? "" : code(instead)).append(" |\n");
    }
    return sb.append('\n').toString();
  }

  /**
   * The first line of SQL of the finding's rewrite (comments skipped), with an ellipsis when more
   * follows; null when the finding has none (syntax errors, unreadable files, advice without SQL).
   */
  static String rewriteStart(ReportItems.Item i) {
    Rewrite rewrite = i.finding() == null ? null : i.finding().rewrite();
    if (rewrite == null) return null;
    String first = null;
    for (Rewrite.Step step : rewrite.steps()) {
      for (String line : step.sql().split("\\R")) {
        String sql = line.strip();
        if (sql.isEmpty() || sql.startsWith("--")) continue;
        if (first != null) return first + " …";
        first = sql;
      }
    }
    return first;
  }

  /** The rule's published document; null for syntax errors and unreadable files, which are not rules. */
  static String docs(ReportItems.Item i) {
    return i.finding() == null || Version.docsUrl().isEmpty() ? null : Version.docsUrl() + i.ruleId() + ".md";
  }

  private static String cell(String s) {
    return Escapes.text(s.replace("|", "\\|").replaceAll("\\R", " "));
  }

  /** A Markdown code span in a table cell, with a fence longer than any backtick run inside it. */
  private static String code(String s) {
    String fence = "`";
    while (s.contains(fence)) fence += "`";
    String text = cell(s);
    String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return fence + pad + text + pad + fence;
  }

  /** Escaping of a workflow command's message. */
  public static String data(String s) {
    String lines = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    return Escapes.text(lines); // an escape sequence would still reach the log's terminal emulation
  }

  /** Escaping of a workflow command's property value. */
  public static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
