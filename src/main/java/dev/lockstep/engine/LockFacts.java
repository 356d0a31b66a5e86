package dev.lockstep.engine;

import java.util.List;

/**
 * What a statement does to the tables it touches, as measured on a real server
 * (see the reference table): the lock on each relation, and whether it rewrites or scans.
 */
public record LockFacts(List<RelationLock> locks, boolean rewritesTable, boolean scansTable) {
  public LockFacts {
    locks = List.copyOf(locks);
  }

  /** One lock: the relation (as the user wrote it) and the mode taken on it. */
  public record RelationLock(String relation, LockMode mode) {}

  public static LockFacts of(String relation, LockMode mode, boolean rewrites, boolean scans) {
    return new LockFacts(List.of(new RelationLock(relation, mode)), rewrites, scans);
  }

  public boolean blocksReads() {
    return locks.stream().anyMatch(l -> l.mode().blocksReads());
  }

  public boolean blocksWrites() {
    return locks.stream().anyMatch(l -> l.mode().blocksWrites());
  }

  /** "SHARE on orders" / "ACCESS EXCLUSIVE on orders, SHARE ROW EXCLUSIVE on users". */
  public String describeLocks() {
    StringBuilder sb = new StringBuilder();
    for (RelationLock l : locks) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(l.mode().sql()).append(" on ").append(l.relation());
    }
    return sb.toString();
  }

  /** "blocks writes (INSERT, UPDATE, DELETE); reads continue; scans the table". */
  public String describeEffects() {
    StringBuilder sb = new StringBuilder();
    if (blocksReads()) sb.append("blocks reads and writes");
    else if (blocksWrites()) sb.append("blocks writes (INSERT, UPDATE, DELETE); reads continue");
    else sb.append("blocks neither reads nor writes");
    if (rewritesTable) sb.append("; rewrites the table");
    else if (scansTable) sb.append("; scans the whole table while holding the lock");
    return sb.toString();
  }
}
