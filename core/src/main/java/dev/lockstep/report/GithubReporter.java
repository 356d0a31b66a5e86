package dev.lockstep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...::message}), which GitHub shows
 * as annotations on the pull request diff; and, when GITHUB_STEP_SUMMARY names a file, a Markdown
 * table of the problems appended to it.
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
          .append("::").append(data(i.message())).append('\n');
    }
    if (summaryFile != null && !summaryFile.isBlank()) {
      Files.writeString(Path.of(summaryFile), summary(items), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  static String summary(ReportItems items) {
    StringBuilder sb = new StringBuilder("## lockstep\n\n");
    if (items.items().isEmpty()) return sb.append("No findings.\n\n").toString();
    sb.append("| severity | rule | location | message |\n|---|---|---|---|\n");
    for (ReportItems.Item i : items.items()) {
      sb.append("| ").append(i.severity().label()).append(" | `").append(i.ruleId()).append("` | `")
          .append(cell(i.path())).append(':').append(i.start().line()).append(':').append(i.start().column())
          .append("` | ").append(cell(i.message())).append(" |\n");
    }
    return sb.append('\n').toString();
  }

  private static String cell(String s) {
    return Escapes.text(s.replace("|", "\\|").replaceAll("\\R", " "));
  }

  /** Escaping of a workflow command's message. */
  static String data(String s) {
    String lines = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    return Escapes.text(lines); // an escape sequence would still reach the log's terminal emulation
  }

  /** Escaping of a workflow command's property value. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
