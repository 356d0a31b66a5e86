package dev.lockstep.preflight;

import dev.lockstep.engine.Severity;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.LintReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one preflight found. Not ready when an INVALID index or a blocking session is an
 * error; not checked when no check could run, or a migration could not be read (its tables are
 * then unknown); ready otherwise. Warnings and what could not be checked are reported either way.
 */
public record PreflightReport(String database, ServerInfo server, LintReport lint, List<InvalidIndex> invalidIndexes,
                              List<BlockingSession> sessions, List<TableReport> tables,
                              List<ReplicationWarning> replication, List<Text> notChecked, int checksRun,
                              List<IndexRepair.Outcome> repairs) {
  public PreflightReport {
    invalidIndexes = List.copyOf(invalidIndexes);
    sessions = List.copyOf(sessions);
    tables = List.copyOf(tables);
    replication = List.copyOf(replication);
    notChecked = List.copyOf(notChecked);
    repairs = List.copyOf(repairs);
  }

  /** The report of a check made after a repair, with what the repair did. */
  public PreflightReport withRepairs(List<IndexRepair.Outcome> outcomes) {
    return new PreflightReport(database, server, lint, invalidIndexes, sessions, tables, replication, notChecked, checksRun,
        outcomes);
  }

  public enum Status {
    READY("ready", 0), NOT_READY("not-ready", 1), NOT_CHECKED("not-checked", 2);

    private final String id;
    private final int exitCode;

    Status(String id, int exitCode) {
      this.id = id;
      this.exitCode = exitCode;
    }

    public String id() {
      return id;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  public Status status() {
    boolean blocked = invalidIndexes.stream().anyMatch(i -> i.severity() == Severity.ERROR)
        || sessions.stream().anyMatch(s -> s.severity() == Severity.ERROR);
    if (blocked || repairs.stream().anyMatch(r -> !r.repaired() && r.attempts() > 0)) return Status.NOT_READY;
    if (checksRun == 0 || !lintProblems().isEmpty()) return Status.NOT_CHECKED;
    return Status.READY;
  }

  /** The migrations that could not be read or parsed (their messages translated where the catalogue has them). */
  public List<Text> lintProblems() {
    List<Text> out = new ArrayList<>();
    if (lint == null) return out;
    lint.problems().forEach(p -> out.add(Text.of("%s: %s", p.path(), Text.of(p.message()))));
    lint.files().forEach(f -> f.syntaxErrors().forEach(e -> out.add(Text.of("%s: %s", f.path(), Text.of(e.message())))));
    return out;
  }

  public int warningCount() {
    return (int) (invalidIndexes.stream().filter(i -> i.severity() == Severity.WARNING).count()
        + sessions.stream().filter(s -> s.severity() == Severity.WARNING).count() + replication.size());
  }
}
