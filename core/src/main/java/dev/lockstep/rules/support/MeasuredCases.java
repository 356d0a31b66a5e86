package dev.lockstep.rules.support;

import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.LockMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lock facts measured on PostgreSQL 15, 16, 17 and 18 (reference/postgres-locks.md,
 * raw data in pg-locks/results-pg*.tsv), by the reference's case id. Rules take their facts from
 * here; MeasuredCasesTest checks every entry against the measurements of every major.
 */
public final class MeasuredCases {
  /**
   * One measured case.
   *
   * @param id the case id in the reference
   * @param tsvTarget the relation the statement is about, as named in the measurement
   * @param target the strongest lock on it
   * @param tsvOther another table locked by the statement (FK referenced table, partition), or null
   * @param other the strongest lock on that table
   * @param sinceVersion the first major where the statement exists
   */
  public record Case(String id, String tsvTarget, LockMode target, String tsvOther, LockMode other,
                     boolean blocksReads, boolean blocksWrites, boolean rewrites, boolean scans, int sinceVersion) {

    /** The facts for a statement on {@code table}. */
    public LockFacts on(String table) {
      return new LockFacts(id, List.of(new LockFacts.RelationLock(table, target)), blocksReads, blocksWrites, rewrites, scans);
    }

    /** The facts for a statement on {@code table} that also locks {@code otherTable}. */
    public LockFacts on(String table, String otherTable) {
      List<LockFacts.RelationLock> locks = new ArrayList<>();
      locks.add(new LockFacts.RelationLock(table, target));
      if (other != null) locks.add(new LockFacts.RelationLock(otherTable, other));
      return new LockFacts(id, locks, blocksReads, blocksWrites, rewrites, scans);
    }
  }

  private static final Map<String, Case> CASES = new TreeMap<>();

  private static final LockMode AE = LockMode.ACCESS_EXCLUSIVE;
  private static final LockMode SRE = LockMode.SHARE_ROW_EXCLUSIVE;
  private static final LockMode SUE = LockMode.SHARE_UPDATE_EXCLUSIVE;
  private static final LockMode SH = LockMode.SHARE;

  static {
    // id, target in the measurement, lock, other table, lock, blocks reads, blocks writes, rewrite, scan
    add("create-index", "accounts", SH, false, true, false, true);
    add("cic", "accounts", SUE, false, false, false, true);
    add("drop-index", "accounts", AE, true, true, false, false);
    add("drop-index-concurrently", "accounts", SUE, false, false, false, false);
    // the index gets ACCESS EXCLUSIVE and the planner opens every index of the table: reads wait
    add("reindex-index", "accounts", SH, true, true, false, true);
    add("reindex-table", "accounts", SH, true, true, false, true);
    add("reindex-index-concurrently", "accounts", SUE, false, false, false, true);

    add("add-column-nullable", "accounts", AE, true, true, false, false);
    add("add-column-const-default", "accounts", AE, true, true, false, false);
    add("add-column-clock-timestamp", "accounts", AE, true, true, true, true);
    add("add-column-random", "accounts", AE, true, true, true, true);
    add("add-column-gen-random-uuid", "accounts", AE, true, true, true, true);
    add("add-column-serial", "accounts", AE, true, true, true, true);
    add("add-column-bigserial", "accounts", AE, true, true, true, true);
    add("add-column-identity", "accounts", AE, true, true, true, true);
    add("add-column-stored-generated", "accounts", AE, true, true, true, true);
    add("add-column-domain-check", "accounts", AE, true, true, true, true);
    add("add-column-inline-check", "accounts", AE, true, true, false, true);
    add("add-column-references-default", "accounts", AE, "plans", SRE, true, true, false, true);

    add("set-not-null", "accounts", AE, true, true, false, true);
    add("drop-not-null", "orders", AE, true, true, false, false);
    add("set-not-null-valid-check", "accounts", AE, true, true, false, false);
    add("add-not-null-not-valid", "accounts", AE, null, null, true, true, false, false, 18);
    add("validate-not-null-separate-tx", "accounts", SUE, null, null, false, false, false, true, 18);

    add("type-varchar50-to-100", "accounts", AE, true, true, false, false);
    add("type-varchar100-to-50", "accounts", AE, true, true, true, true);
    add("type-int-to-bigint", "accounts", AE, true, true, true, true);
    add("type-numeric-10-2-to-10-3", "accounts", AE, true, true, true, true);
    add("type-timestamp-to-tz-utc", "accounts", AE, true, true, false, true);
    add("type-timestamp-to-tz-berlin", "accounts", AE, true, true, true, true);

    add("add-check", "accounts", AE, true, true, false, true);
    add("add-check-not-valid", "accounts", AE, true, true, false, false);
    add("validate-check-same-tx", "accounts", AE, true, true, false, true);
    add("validate-check-separate-tx", "accounts", SUE, false, false, false, true);
    add("add-fk", "orders", SRE, "accounts", SRE, false, true, false, true);
    add("add-fk-not-valid", "orders", SRE, "accounts", SRE, false, true, false, false);
    add("validate-fk-same-tx", "orders", SRE, "accounts", SRE, false, true, false, true);
    add("validate-fk-separate-tx", "orders", SUE, "accounts", LockMode.ROW_SHARE, false, false, false, true);
    add("drop-fk", "orders", AE, "accounts", AE, true, true, false, false);

    add("add-unique", "accounts", AE, true, true, false, true);
    add("add-primary-key", "orders", AE, true, true, false, true);
    add("add-exclude", "accounts", AE, true, true, false, true);
    add("add-unique-using-index", "accounts", AE, true, true, false, false);

    add("rename-column", "accounts", AE, true, true, false, false);
    add("rename-table", "users", AE, true, true, false, false);
    add("drop-column", "accounts", AE, true, true, false, false);
    add("drop-table-with-fk", "orders", AE, "accounts", AE, true, true, false, false);
    add("truncate", "orders", AE, true, true, false, false);

    add("set-unlogged", "orders", AE, true, true, true, true);
    add("set-logged", "items", AE, true, true, true, true);
    add("cluster", "accounts", AE, true, true, true, true);
    add("vacuum-full", "accounts", AE, true, true, true, true);

    add("attach-partition-no-check", "events", SUE, "events_2021", AE, false, false, false, true);
    add("attach-partition-default-exists", "logs", SUE, "logs_default", AE, true, true, false, true);
    add("create-table-partition-of", "events", AE, true, true, false, false);
    add("detach-partition", "events", AE, "events_2020", AE, true, true, false, false);
    add("detach-partition-concurrently", "events", SUE, false, false, false, false);

    add("create-trigger", "accounts", SRE, false, true, false, false);
    add("drop-trigger", "accounts", AE, true, true, false, false);
    add("disable-trigger", "accounts", SRE, false, true, false, false);
    add("refresh-mv", "account_stats", AE, "accounts", LockMode.ACCESS_SHARE, true, true, true, true);
    add("refresh-mv-concurrently", "account_stats", LockMode.EXCLUSIVE, "accounts", LockMode.ACCESS_SHARE, false, true, false, true);
    add("lock-table-default", "accounts", AE, true, true, false, false);
    add("lock-table-share", "accounts", SH, false, true, false, false);
    add("enable-trigger", "accounts", SRE, false, true, false, false);
    add("alter-domain-add-check", "accounts", SH, false, true, false, true);
    add("set-access-method", "accounts", AE, null, null, true, true, true, true, 15);
    add("set-expression", "accounts", AE, null, null, true, true, true, true, 17);
    add("alter-column-add-identity", "orders", AE, true, true, false, false);
    add("replica-identity-full", "accounts", AE, true, true, false, false);
    add("alter-publication-drop-table", "accounts", SUE, false, false, false, false);
    add("rename-view", "accounts_view", AE, true, true, false, false);
    add("rename-materialized-view", "account_stats_v2", AE, true, true, false, false);
    add("set-schema", "accounts", AE, true, true, false, false);
  }

  private MeasuredCases() {}

  private static void add(String id, String target, LockMode mode, boolean reads, boolean writes, boolean rewrite, boolean scan) {
    add(id, target, mode, null, null, reads, writes, rewrite, scan, 0);
  }

  private static void add(String id, String target, LockMode mode, String other, LockMode otherMode,
                          boolean reads, boolean writes, boolean rewrite, boolean scan) {
    add(id, target, mode, other, otherMode, reads, writes, rewrite, scan, 0);
  }

  private static void add(String id, String target, LockMode mode, String other, LockMode otherMode,
                          boolean reads, boolean writes, boolean rewrite, boolean scan, int since) {
    CASES.put(id, new Case(id, target, mode, other, otherMode, reads, writes, rewrite, scan, since));
  }

  public static Case get(String id) {
    Case c = CASES.get(id);
    if (c == null) throw new IllegalArgumentException("no measured case " + id);
    return c;
  }

  public static Collection<Case> all() {
    return CASES.values();
  }
}
