package dev.lockstep.engine;

import java.util.List;

/**
 * What a statement does to the tables it touches: the lock on each relation, whether plain reads
 * and writes on the target wait, and whether it rewrites or scans the table. Facts come from
 * measurements on real servers; {@code basis} names the measured case (see
 * {@code rules.support.MeasuredCases}) or the release note behind a version-dependent fact.
 */
public record LockFacts(String basis, List<RelationLock> locks, boolean blocksReads, boolean blocksWrites,
                        boolean rewritesTable, boolean scansTable) {
  public LockFacts {
    locks = List.copyOf(locks);
  }

  /** One lock: the relation (as the user wrote it) and the strongest mode taken on it. */
  public record RelationLock(String relation, LockMode mode) {}

  /** "SHARE on orders" / "SHARE ROW EXCLUSIVE on orders, SHARE ROW EXCLUSIVE on users". */
  public String describeLocks() {
    StringBuilder sb = new StringBuilder();
    for (RelationLock l : locks) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(l.mode().sql()).append(" on ").append(l.relation());
    }
    return sb.toString();
  }

  /** "blocks writes (INSERT, UPDATE, DELETE); reads continue; scans the whole table ...". */
  public String describeEffects() {
    StringBuilder sb = new StringBuilder();
    if (blocksReads && blocksWrites) sb.append("blocks reads and writes");
    else if (blocksWrites) sb.append("blocks writes (INSERT, UPDATE, DELETE); reads continue");
    else if (blocksReads) sb.append("blocks reads");
    else sb.append("blocks neither reads nor writes");
    if (rewritesTable) sb.append("; rewrites the whole table and its indexes while holding the lock");
    else if (scansTable) sb.append("; scans the whole table while holding the lock");
    return sb.toString();
  }
}
