package dev.lockstep.preflight;

import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.Severity;
import dev.lockstep.i18n.Text;

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
    IDLE_IN_TRANSACTION("idle-in-transaction"),
    LONG_TRANSACTION("long-transaction"),
    STRONG_LOCK("strong-lock"),
    WAITING("waiting"),
    WRAPAROUND_AUTOVACUUM("wraparound-autovacuum"),
    HIDDEN("hidden"),
    TOUCHES_TABLE("touches-table");

    private final String id;

    Reason(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** The sentence for a session, the lock mode and the table. */
    Text says(Text session, String mode, String table) {
      return switch (this) {
        case IDLE_IN_TRANSACTION -> Text.of("%s is idle in a transaction that holds %s on %s", session, mode, table);
        case LONG_TRANSACTION, TOUCHES_TABLE -> Text.of("%s is in a long transaction that holds %s on %s", session, mode, table);
        case STRONG_LOCK -> Text.of("%s holds %s on %s", session, mode, table);
        case WAITING -> Text.of("%s waits for %s on %s", session, mode, table);
        case WRAPAROUND_AUTOVACUUM -> Text.of("%s is an autovacuum to prevent wraparound (DDL cannot cancel it) holding %s on %s",
            session, mode, table);
        case HIDDEN -> Text.of("%s (state and age hidden from this role) holds %s on %s", session, mode, table);
      };
    }
  }

  /** "pid 4242 (app, psql) is idle in a transaction that holds ACCESS SHARE on public.accounts (for 42 s)". */
  public Text describe() {
    String who = user == null ? null : user + (application == null || application.isEmpty() ? "" : ", " + application);
    if (backendType != null && !backendType.equals("client backend")) who = who == null ? backendType : who + ", " + backendType;
    Text session = who == null ? Text.of("pid %s", pid) : Text.of("pid %s (%s)", pid, who);
    Text holds = reason.says(session, held.sql(), table);
    if (transactionSeconds != null) holds = Text.of("%s, transaction open for %s", holds, Ages.describe(transactionSeconds));
    return reason == Reason.TOUCHES_TABLE ? Text.of("%s; %s needs %s", holds, neededBy.describe(), needed.sql())
        : Text.of("%s; %s needs %s, which waits for it", holds, neededBy.describe(), needed.sql());
  }
}
