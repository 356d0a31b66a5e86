package dev.lockstep.report;

import java.io.IOException;

/**
 * {@code path:line:col: error|warning|note: message [rule-id]}, one line per problem, for editors'
 * and IDEs' problem matchers (hints are gcc's "note"). Newlines in messages become spaces; other control
 * characters, in messages and file names, are escaped so that no name can start a line of its own.
 */
public final class GccReporter implements Reporter {
  @Override
  public void write(LintReport report, Appendable out) throws IOException {
    for (ReportItems.Item i : ReportItems.of(report).items()) {
      String level = switch (i.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case HINT -> "note";
      };
      out.append(Escapes.text(i.path())).append(':').append(String.valueOf(i.start().line())).append(':')
          .append(String.valueOf(i.start().column())).append(": ").append(level).append(": ")
          .append(TextReporter.oneLine(i.message())).append(" [").append(i.ruleId()).append("]\n");
    }
  }
}
