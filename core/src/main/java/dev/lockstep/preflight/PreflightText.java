package dev.lockstep.preflight;

import dev.lockstep.engine.Severity;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.Localized;
import java.io.IOException;

/** The report for people: a verdict line, then each check's section, "none" where it found nothing. */
final class PreflightText implements PreflightFormat {
  private final Catalog catalog;

  PreflightText(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void write(PreflightReport r, Appendable out) throws IOException {
    out.append(catalog.format("lockstep preflight: %s, PostgreSQL %s: %s", r.database(), r.server().version(), verdict(r)))
        .append('\n');
    if (r.lint() != null) {
      long applied = r.lint().skipped().stream().filter(x -> x.reason().startsWith("already applied")).count();
      int checked = r.lint().files().size();
      out.append(applied > 0 ? catalog.format("migrations: %s checked, %s already applied (not checked)", checked, applied)
          : catalog.format("migrations: %s checked", checked)).append('\n');
    }
    heading(out, catalog.translate("INVALID indexes"));
    if (r.invalidIndexes().isEmpty()) none(out);
    for (InvalidIndex i : r.invalidIndexes()) {
      Text state = switch (i.state()) {
        case INVALID -> Text.of("%s on %s is INVALID (%s): no build is running, it is left over from a failed CONCURRENTLY "
            + "build and slows every write to its table", i.index(), i.table(), Sizes.bytes(i.bytes()));
        case BUILD_IN_PROGRESS -> Text.of("%s on %s: a build is in progress (%s), not left over: leave it alone", i.index(),
            i.table(), i.build());
        case UNKNOWN -> Text.of("%s on %s is INVALID (%s); other roles' builds are hidden, so it may be one in progress: "
            + "check before removing it", i.index(), i.table(), Sizes.bytes(i.bytes()));
      };
      out.append("  ").append(Localized.severity(i.severity(), catalog)).append(": ").append(catalog.render(state)).append('\n');
      out.append("    ").append(i.definition()).append('\n');
      if (!i.remediation().isEmpty()) {
        for (String line : InvalidIndexes.script(i, catalog).split("\n")) out.append("    ").append(line).append('\n');
      }
    }
    heading(out, catalog.translate("Sessions in the way of the migrations"));
    if (r.tables().isEmpty()) {
      line(out, Text.of("no migration locks a table (give the migrations' paths to check their tables)"));
    } else if (r.sessions().isEmpty()) {
      none(out);
    }
    for (BlockingSession s : r.sessions()) {
      out.append("  ").append(Localized.severity(s.severity(), catalog)).append(": ").append(catalog.render(s.describe()))
          .append('\n');
      if (s.query() != null) out.append("    ").append(catalog.format("query: %s", s.query())).append('\n');
    }
    if (!r.tables().isEmpty()) {
      heading(out, catalog.translate("Tables the migrations lock"));
      for (TableReport t : r.tables()) {
        if (t.table() == null) {
          line(out, Text.of("%s: not in the database (created by the migrations, or not on the search_path)", t.writtenAs()));
          continue;
        }
        line(out, t.estimatedRows() == null
            ? Text.of("%s: rows unknown (never analyzed), %s", t.table(), Sizes.bytes(t.totalBytes()))
            : Text.of("%s: about %s, %s", t.table(), Sizes.rows(t.estimatedRows()), Sizes.bytes(t.totalBytes())));
        for (TableReport.Impact i : t.impacts()) {
          out.append("    ").append(i.site().describe()).append(' ').append(catalog.render(i.text())).append('\n');
        }
      }
    }
    heading(out, catalog.translate("Replication"));
    if (r.replication().isEmpty()) line(out, Text.of("no lagging replica, no inactive slot"));
    for (ReplicationWarning w : r.replication()) {
      out.append("  ").append(Localized.severity(Severity.WARNING, catalog)).append(": ").append(catalog.render(w.message()))
          .append('\n');
    }
    if (!r.repairs().isEmpty()) {
      heading(out, catalog.translate("Repairs"));
      for (IndexRepair.Outcome o : r.repairs()) {
        line(out, o.attempts() > 1 ? Text.of("%s: %s (%s attempts)", o.index(), o.message(), o.attempts())
            : Text.of("%s: %s", o.index(), o.message()));
      }
    }
    if (!r.notChecked().isEmpty() || !r.lintProblems().isEmpty()) {
      heading(out, catalog.translate("Not checked"));
      for (Text p : r.lintProblems()) line(out, Text.of("%s (its tables are unknown)", p));
      for (Text n : r.notChecked()) line(out, n);
    }
  }

  private static void heading(Appendable out, String title) throws IOException {
    out.append('\n').append(title).append('\n');
  }

  private void none(Appendable out) throws IOException {
    line(out, Text.of("none"));
  }

  private void line(Appendable out, Text text) throws IOException {
    out.append("  ").append(catalog.render(text)).append('\n');
  }

  /** "NOT READY (2 problems, 1 warning)". */
  static Text verdict(PreflightReport r) {
    long errors = r.invalidIndexes().stream().filter(i -> i.severity() == Severity.ERROR).count()
        + r.sessions().stream().filter(s -> s.severity() == Severity.ERROR).count();
    int warnings = r.warningCount();
    Text problems = Text.of(errors == 1 ? "%d problem" : "%d problems", errors);
    Text warned = Text.of(warnings == 1 ? "%d warning" : "%d warnings", warnings);
    return switch (r.status()) {
      case READY -> Text.of("ready (%s, %s)", problems, warned);
      case NOT_READY -> Text.of("NOT READY (%s, %s)", problems, warned);
      case NOT_CHECKED -> Text.of("NOT CHECKED (%s, %s; see Not checked)", problems, warned);
    };
  }
}
