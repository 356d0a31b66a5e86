package dev.lockstep.preflight;

import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.Severity;

/**
 * A session that stands in the way of the migrations on one table: it holds or waits for a lock
 * there, or it is an anti-wraparound autovacuum there. Columns the role may not read are null.
 *
 * @param table the table, schema-qualified
 * @param held the lock it holds or waits for
 * @param needed the strongest lock the migrations take on the table, and which statement takes it
 * @param transactionSeconds how long its transaction has been open (null outside a transaction, or hidden)
 * @param query its current or last statement, on one line, cut short
 */
public record BlockingSession(int pid, String user, String application, String state, String backendType,
                              Long transactionSeconds, String query, String table, LockMode held, boolean granted,
                              Reason reason, Severity severity, LockMode needed, Site neededBy) {

  public enum Reason {
    IDLE_IN_TRANSACTION("idle-in-transaction", "is idle in a transaction that holds"),
    LONG_TRANSACTION("long-transaction", "is in a long transaction that holds"),
    STRONG_LOCK("strong-lock", "holds"),
    WAITING("waiting", "waits for"),
    WRAPAROUND_AUTOVACUUM("wraparound-autovacuum", "is an autovacuum to prevent wraparound (DDL cannot cancel it) holding"),
    HIDDEN("hidden", "(state and age hidden from this role) holds"),
    TOUCHES_TABLE("touches-table", "is in a long transaction that holds");

    private final String id;
    private final String verb;

    Reason(String id, String verb) {
      this.id = id;
      this.verb = verb;
    }

    public String id() {
      return id;
    }

    public String verb() {
      return verb;
    }
  }

  /** "pid 4242 (app, psql) is idle in a transaction that holds ACCESS SHARE on public.accounts (for 42 s)". */
  public String describe() {
    StringBuilder sb = new StringBuilder("pid ").append(pid);
    String who = user == null ? null : user + (application == null || application.isEmpty() ? "" : ", " + application);
    if (backendType != null && !backendType.equals("client backend")) who = who == null ? backendType : who + ", " + backendType;
    if (who != null) sb.append(" (").append(who).append(")");
    sb.append(' ').append(reason.verb()).append(' ').append(held.sql()).append(" on ").append(table);
    if (transactionSeconds != null) sb.append(", transaction open for ").append(Ages.describe(transactionSeconds));
    sb.append("; ").append(neededBy.describe()).append(" needs ").append(needed.sql());
    if (reason != Reason.TOUCHES_TABLE) sb.append(", which waits for it");
    return sb.toString();
  }
}
