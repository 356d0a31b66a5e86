package dev.lockstep.preflight;

import static dev.lockstep.report.GithubReporter.data;
import static dev.lockstep.report.GithubReporter.property;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import java.io.IOException;

/**
 * GitHub Actions workflow commands: a session in the way is annotated on the migration statement
 * that needs the lock; INVALID indexes, replication and what was not checked have no file.
 */
final class PreflightGithub implements PreflightFormat {
  private final Catalog catalog;

  PreflightGithub(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void write(PreflightReport r, Appendable out) throws IOException {
    for (InvalidIndex i : r.invalidIndexes()) {
      String text = i.state() == InvalidIndex.State.BUILD_IN_PROGRESS
          ? catalog.format("%s on %s: a build is in progress (%s)", i.index(), i.table(), i.build())
          : catalog.format("%s on %s is INVALID; remediation:", i.index(), i.table()) + "\n" + String.join("\n", i.remediation());
      command(out, i.severity().label(), null, catalog.translate("lockstep preflight: INVALID index"), text);
    }
    for (BlockingSession s : r.sessions()) {
      String text = catalog.render(s.describe());
      if (s.query() != null) text += "\n" + catalog.format("query: %s", s.query());
      command(out, s.severity().label(), s.neededBy(), catalog.translate("lockstep preflight: session in the way"), text);
    }
    for (TableReport t : r.tables()) {
      for (TableReport.Impact i : t.impacts()) {
        command(out, "notice", i.site(), catalog.translate("lockstep preflight: table size"), catalog.render(i.text()));
      }
    }
    for (ReplicationWarning w : r.replication()) {
      command(out, "warning", null, catalog.translate("lockstep preflight: replication"), catalog.render(w.message()));
    }
    String notChecked = catalog.translate("lockstep preflight: not checked");
    for (Text p : r.lintProblems()) command(out, "error", null, notChecked, catalog.render(p));
    for (Text n : r.notChecked()) command(out, "warning", null, notChecked, catalog.render(n));
    command(out, r.status() == PreflightReport.Status.READY ? "notice" : "error", null, "lockstep preflight",
        catalog.render(PreflightText.verdict(r)));
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
