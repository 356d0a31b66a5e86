package dev.lockstep.preflight;

import dev.lockstep.engine.Severity;
import java.io.IOException;

/** The report for people: a verdict line, then each check's section, "none" where it found nothing. */
final class PreflightText implements PreflightFormat {
  @Override
  public void write(PreflightReport r, Appendable out) throws IOException {
    out.append("lockstep preflight: ").append(r.database()).append(", PostgreSQL ").append(r.server().version())
        .append(": ").append(verdict(r)).append('\n');
    if (r.lint() != null) {
      long applied = r.lint().skipped().stream().filter(x -> x.reason().startsWith("already applied")).count();
      out.append("migrations: ").append(String.valueOf(r.lint().files().size())).append(" checked");
      if (applied > 0) out.append(", ").append(String.valueOf(applied)).append(" already applied (not checked)");
      out.append('\n');
    }
    out.append("\nINVALID indexes\n");
    if (r.invalidIndexes().isEmpty()) out.append("  none\n");
    for (InvalidIndex i : r.invalidIndexes()) {
      out.append("  ").append(i.severity().label()).append(": ").append(i.index()).append(" on ").append(i.table());
      switch (i.state()) {
        case INVALID -> out.append(" is INVALID (").append(Sizes.bytes(i.bytes())).append("): no build is running, it is "
            + "left over from a failed CONCURRENTLY build and slows every write to its table\n");
        case BUILD_IN_PROGRESS -> out.append(": a build is in progress (").append(i.build())
            .append("), not left over: leave it alone\n");
        case UNKNOWN -> out.append(" is INVALID (").append(Sizes.bytes(i.bytes())).append("); other roles' builds are "
            + "hidden, so it may be one in progress: check before removing it\n");
      }
      out.append("    ").append(i.definition()).append('\n');
      if (!i.remediation().isEmpty()) {
        for (String line : InvalidIndexes.script(i).split("\n")) out.append("    ").append(line).append('\n');
      }
    }
    out.append("\nSessions in the way of the migrations\n");
    if (r.tables().isEmpty()) out.append("  no migration locks a table (give the migrations' paths to check their tables)\n");
    else if (r.sessions().isEmpty()) out.append("  none\n");
    for (BlockingSession s : r.sessions()) {
      out.append("  ").append(s.severity().label()).append(": ").append(s.describe()).append('\n');
      if (s.query() != null) out.append("    query: ").append(s.query()).append('\n');
    }
    if (!r.tables().isEmpty()) {
      out.append("\nTables the migrations lock\n");
      for (TableReport t : r.tables()) {
        if (t.table() == null) {
          out.append("  ").append(t.writtenAs()).append(": not in the database (created by the migrations, or not on "
              + "the search_path)\n");
          continue;
        }
        out.append("  ").append(t.table()).append(": ")
            .append(t.estimatedRows() == null ? "rows unknown (never analyzed)" : "about " + Sizes.rows(t.estimatedRows()))
            .append(", ").append(Sizes.bytes(t.totalBytes())).append('\n');
        for (TableReport.Impact i : t.impacts()) {
          out.append("    ").append(i.site().describe()).append(' ').append(i.text()).append('\n');
        }
      }
    }
    out.append("\nReplication\n");
    if (r.replication().isEmpty()) out.append("  no lagging replica, no inactive slot\n");
    for (ReplicationWarning w : r.replication()) out.append("  warning: ").append(w.message()).append('\n');
    if (!r.repairs().isEmpty()) {
      out.append("\nRepairs\n");
      for (IndexRepair.Outcome o : r.repairs()) {
        out.append("  ").append(o.index()).append(": ").append(o.message());
        if (o.attempts() > 1) out.append(" (").append(String.valueOf(o.attempts())).append(" attempts)");
        out.append('\n');
      }
    }
    if (!r.notChecked().isEmpty() || !r.lintProblems().isEmpty()) {
      out.append("\nNot checked\n");
      for (String p : r.lintProblems()) out.append("  ").append(p).append(" (its tables are unknown)\n");
      for (String n : r.notChecked()) out.append("  ").append(n).append('\n');
    }
  }

  static String verdict(PreflightReport r) {
    long errors = r.invalidIndexes().stream().filter(i -> i.severity() == Severity.ERROR).count()
        + r.sessions().stream().filter(s -> s.severity() == Severity.ERROR).count();
    int warnings = r.warningCount();
    String counts = errors + (errors == 1 ? " problem" : " problems") + ", " + warnings + (warnings == 1 ? " warning" : " warnings");
    return switch (r.status()) {
      case READY -> "ready (" + counts + ")";
      case NOT_READY -> "NOT READY (" + counts + ")";
      case NOT_CHECKED -> "NOT CHECKED (" + counts + "; see Not checked)";
    };
  }
}
