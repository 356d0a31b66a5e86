package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.Severity;
import dev.lockstep.pg.Measurement;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sessions that would make the migrations wait, read from pg_locks and pg_stat_activity (no
 * lock is taken to read them). Ordinary short traffic is left out: a lock queue that exists now,
 * a transaction left idle or open longer than the limit, a lock stronger than reads and writes
 * take (DDL, LOCK TABLE, a concurrent index build) and an anti-wraparound autovacuum are not.
 */
final class LockedSessions {
  private static final int QUERY_CHARS = 200;
  private static final String QUERY = """
      SELECT l.relation::bigint, l.mode, l.granted, l.pid, a.usename, a.application_name, a.state, a.backend_type,
        floor(extract(epoch FROM now() - a.xact_start))::bigint, a.query
      FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.relation::bigint = ANY(?) AND l.pid IS DISTINCT FROM pg_backend_pid()
      ORDER BY l.relation, l.pid""";

  /** What the migrations need on one table: the strongest mode, and where (for messages). */
  record Need(String table, LockMode mode, Site by) {}

  private LockedSessions() {}

  static List<BlockingSession> find(Connection c, Map<Long, Need> needs, long maxTransactionMillis, List<Text> notChecked)
      throws SQLException {
    List<BlockingSession> out = new ArrayList<>();
    if (needs.isEmpty()) return out;
    Set<String> seen = new HashSet<>();
    boolean hidden = false;
    try (PreparedStatement s = c.prepareStatement(QUERY)) {
      Array oids = c.createArrayOf("bigint", needs.keySet().toArray());
      s.setArray(1, oids);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Need need = needs.get(rs.getLong(1));
          LockMode held;
          try {
            held = Measurement.mode(rs.getString(2));
          } catch (IllegalArgumentException e) {
            continue; // a predicate lock of a serializable transaction (SIReadLock) waits for nothing
          }
          boolean granted = rs.getBoolean(3);
          int pid = rs.getInt(4);
          String state = rs.getString(7);
          String backendType = rs.getString(8);
          long age = rs.getLong(9);
          Long transactionSeconds = rs.wasNull() ? null : age;
          String query = rs.getString(10);
          BlockingSession.Reason reason = reason(need.mode(), held, granted, state, backendType, transactionSeconds, query,
              maxTransactionMillis);
          if (reason == null || !seen.add(pid + "/" + rs.getLong(1))) continue;
          hidden |= reason == BlockingSession.Reason.HIDDEN;
          Severity severity = reason == BlockingSession.Reason.HIDDEN || reason == BlockingSession.Reason.TOUCHES_TABLE
              ? Severity.WARNING : Severity.ERROR;
          out.add(new BlockingSession(pid, rs.getString(5), rs.getString(6), state, backendType, transactionSeconds,
              shorten(query), need.table(), held, granted, reason, severity, need.mode(), need.by()));
        }
      }
    }
    if (hidden) {
      notChecked.add(Text.of("how long other roles' sessions holding locks on these tables have been in their transactions "
          + "(hidden: grant pg_read_all_stats to see them)"));
    }
    return out;
  }

  /** Why this lock is in the way, or null when it is ordinary traffic that will not hold the migration up. */
  static BlockingSession.Reason reason(LockMode needed, LockMode held, boolean granted, String state, String backendType,
                                       Long transactionSeconds, String query, long maxTransactionMillis) {
    boolean conflicts = needed.conflictsWith(held);
    boolean longOpen = transactionSeconds != null && transactionSeconds * 1000 > maxTransactionMillis;
    boolean autovacuum = "autovacuum worker".equals(backendType);
    if (autovacuum && query != null && query.contains("(to prevent wraparound)")) {
      return conflicts ? BlockingSession.Reason.WRAPAROUND_AUTOVACUUM : null;
    }
    if (!conflicts) return longOpen && !autovacuum ? BlockingSession.Reason.TOUCHES_TABLE : null;
    if (!granted) return BlockingSession.Reason.WAITING;
    if (autovacuum) return null; // PostgreSQL cancels an ordinary autovacuum that is in a DDL's way
    boolean strong = held.compareTo(LockMode.SHARE_UPDATE_EXCLUSIVE) >= 0;
    if (state == null) return strong ? BlockingSession.Reason.STRONG_LOCK : BlockingSession.Reason.HIDDEN;
    if (state.startsWith("idle in transaction") && longOpen) return BlockingSession.Reason.IDLE_IN_TRANSACTION;
    if (longOpen) return BlockingSession.Reason.LONG_TRANSACTION;
    return strong ? BlockingSession.Reason.STRONG_LOCK : null;
  }

  /** One line, at most 200 characters, passwords of ALTER/CREATE ROLE masked. */
  static String shorten(String query) {
    if (query == null) return null;
    String one = query.replaceAll("(?i)(PASSWORD\\s+)'(?:[^']|'')*'", "$1'***'").replaceAll("\\s+", " ").strip();
    return one.length() <= QUERY_CHARS ? one : one.substring(0, QUERY_CHARS - 1) + "…";
  }
}
