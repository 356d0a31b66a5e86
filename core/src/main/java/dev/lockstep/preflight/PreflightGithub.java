package dev.lockstep.preflight;

import static dev.lockstep.report.GithubReporter.data;
import static dev.lockstep.report.GithubReporter.property;

import java.io.IOException;

/**
 * GitHub Actions workflow commands: a session in the way is annotated on the migration statement
 * that needs the lock; INVALID indexes, replication and what was not checked have no file.
 */
final class PreflightGithub implements PreflightFormat {
  @Override
  public void write(PreflightReport r, Appendable out) throws IOException {
    for (InvalidIndex i : r.invalidIndexes()) {
      String text = i.index() + " on " + i.table() + (i.state() == InvalidIndex.State.BUILD_IN_PROGRESS
          ? ": a build is in progress (" + i.build() + ")"
          : " is INVALID; remediation:\n" + String.join("\n", i.remediation()));
      command(out, i.severity().label(), null, "lockstep preflight: INVALID index", text);
    }
    for (BlockingSession s : r.sessions()) {
      command(out, s.severity().label(), s.neededBy(), "lockstep preflight: session in the way",
          s.describe() + (s.query() == null ? "" : "\nquery: " + s.query()));
    }
    for (TableReport t : r.tables()) {
      for (TableReport.Impact i : t.impacts()) command(out, "notice", i.site(), "lockstep preflight: table size", i.text());
    }
    for (ReplicationWarning w : r.replication()) command(out, "warning", null, "lockstep preflight: replication", w.message());
    for (String p : r.lintProblems()) command(out, "error", null, "lockstep preflight: not checked", p);
    for (String n : r.notChecked()) command(out, "warning", null, "lockstep preflight: not checked", n);
    command(out, r.status() == PreflightReport.Status.READY ? "notice" : "error", null, "lockstep preflight",
        PreflightText.verdict(r));
  }

  private static void command(Appendable out, String level, Site site, String title, String message) throws IOException {
    out.append("::").append(level.equals("hint") ? "notice" : level).append(' ');
    if (site != null) {
      out.append("file=").append(property(site.path())).append(",line=").append(String.valueOf(site.line()))
          .append(",col=").append(String.valueOf(site.column())).append(',');
    }
    out.append("title=").append(property(title)).append("::").append(data(message)).append('\n');
  }
}
