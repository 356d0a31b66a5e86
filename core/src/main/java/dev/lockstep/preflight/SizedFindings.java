package dev.lockstep.preflight;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.Severity;
import dev.lockstep.i18n.Joined;
import dev.lockstep.i18n.Text;
import dev.lockstep.report.LintReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Lint findings weighed by the size of the tables they lock, from a stats snapshot or a live
 * database: a rewrite or a scan under a lock costs what the table weighs. Such a finding on
 * tables that all hold fewer than {@code small-table-rows} rows becomes a hint that says so;
 * a finding on a bigger table carries its size.
 */
public final class SizedFindings {
  public static final long DEFAULT_SMALL_TABLE_ROWS = 10_000;

  private SizedFindings() {}

  public static LintReport apply(LintReport report, StatsSnapshot stats, long smallTableRows) {
    List<FileResult> files = new ArrayList<>();
    for (FileResult f : report.files()) {
      List<Finding> findings = new ArrayList<>();
      for (Finding finding : f.findings()) findings.add(apply(finding, stats, smallTableRows));
      files.add(new FileResult(f.source(), findings, f.suppressed(), f.syntaxErrors(), f.framework()));
    }
    return new LintReport(files, report.problems(), report.skipped(), report.pgVersion(), report.baselined(), report.config());
  }

  static Finding apply(Finding f, StatsSnapshot stats, long smallTableRows) {
    LockFacts lock = f.lock();
    if (lock == null || lock.locks().isEmpty()) return f;
    List<Text> small = new ArrayList<>();
    List<Text> big = new ArrayList<>();
    boolean allSmall = true;
    for (LockFacts.RelationLock l : lock.locks()) {
      StatsSnapshot.Table t = stats.table(l.relation());
      if (t == null || t.estimatedRows() == null) {
        allSmall = false; // a table the snapshot does not know (new, or never analyzed) is not known to be small
        continue;
      }
      if (t.estimatedRows() < smallTableRows) {
        small.add(Text.of("%s has about %s", l.relation(), Sizes.rows(t.estimatedRows())));
      } else {
        allSmall = false;
        big.add(impact(lock, l, t));
      }
    }
    boolean sizeBound = lock.rewritesTable() || lock.scansTable();
    if (sizeBound && allSmall && !small.isEmpty()) {
      Text message = Text.of("%s (%s in the stats, below small-table-rows %s)", f.text(), Joined.of(", ", small),
          String.format(java.util.Locale.ROOT, "%,d", smallTableRows));
      return with(f, message).withSeverity(Severity.HINT);
    }
    if (big.isEmpty()) return f;
    return with(f, Text.of("%s (%s)", f.text(), Joined.of("; ", big)));
  }

  /** "rewrites 12 GB (about 80,000,000 rows) of public.orders under ACCESS EXCLUSIVE", or the size alone. */
  public static Text impact(LockFacts lock, LockFacts.RelationLock l, StatsSnapshot.Table t) {
    Object size = t.estimatedRows() == null ? Sizes.bytes(t.totalBytes())
        : Text.of("%s, about %s", Sizes.bytes(t.totalBytes()), Sizes.rows(t.estimatedRows()));
    if (lock.rewritesTable()) return Text.of("rewrites %s (%s) under %s", l.relation(), size, l.mode().sql());
    if (lock.scansTable()) return Text.of("scans %s (%s) under %s", l.relation(), size, l.mode().sql());
    return Text.of("%s holds %s; %s lock", l.relation(), size, l.mode().sql());
  }

  private static Finding with(Finding f, Text message) {
    return new Finding(f.ruleId(), f.severity(), f.path(), f.span(), f.start(), f.end(), message, f.lock(), f.rewrite(),
        f.fixes(), f.relocation());
  }
}
