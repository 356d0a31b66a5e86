package dev.lockstep.pg;

import dev.lockstep.engine.LockMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one statement did on a real server, measured inside its transaction: the strongest lock it
 * holds on each user relation (pg_locks), the tables it rewrote (a new, non-empty file:
 * pg_class.relfilenode; TRUNCATE's empty file is not a rewrite) and the tables it read rows of
 * sequentially (pg_stat_xact_user_tables).
 */
public record Measurement(Map<Long, LockMode> locks, Map<Long, String> names, Set<Long> rewritten, Set<Long> scanned) {
  /** User relations: not in the system schemas, and created after initdb. */
  private static final String USER_RELATIONS = "SELECT c.oid, c.relfilenode, c.oid::regclass::text FROM pg_class c "
      + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
      + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

  /** Before the statement, in its transaction: relation files, names and scan counters. */
  public record Before(Map<Long, Long> files, Map<Long, String> names, Map<Long, Long> tuplesRead) {}

  public static Before before(Connection c) throws SQLException {
    Map<Long, Long> files = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> read = new HashMap<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(USER_RELATIONS)) {
        while (rs.next()) {
          files.put(rs.getLong(1), rs.getLong(2));
          names.put(rs.getLong(1), rs.getString(3));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT relid, seq_tup_read FROM pg_stat_xact_user_tables")) {
        while (rs.next()) read.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return new Before(files, names, read);
  }

  /** After the statement, before its transaction ends; a rewrite leaves a non-empty file. */
  public static Measurement after(Connection c, Before before) throws SQLException {
    return after(c, before, true);
  }

  /**
   * After the statement. {@code rowsKept}: count a new file as a rewrite only if it holds data, which
   * tells a rewrite from TRUNCATE on tables with rows; on empty scratch tables any new file counts.
   */
  public static Measurement after(Connection c, Before before, boolean rowsKept) throws SQLException {
    Map<Long, String> names = new HashMap<>(before.names());
    Map<Long, LockMode> locks = locks(c, before, names);
    Set<Long> rewritten = new HashSet<>();
    Set<Long> scanned = new HashSet<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(USER_RELATIONS + " AND c.relkind IN ('r', 'm')")) {
        while (rs.next()) {
          Long file = before.files().get(rs.getLong(1));
          if (file != null && file != 0 && rs.getLong(2) != 0 && file != rs.getLong(2)
              && (!rowsKept || size(c, rs.getLong(1)) > 0)) {
            rewritten.add(rs.getLong(1));
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT relid, seq_tup_read FROM pg_stat_xact_user_tables")) {
        while (rs.next()) {
          if (rs.getLong(2) > before.tuplesRead().getOrDefault(rs.getLong(1), 0L)) scanned.add(rs.getLong(1));
        }
      }
    }
    return new Measurement(locks, names, rewritten, scanned);
  }

  /**
   * The strongest lock this session holds on each user relation; {@code names} gains the names of
   * relations created since {@code before}.
   */
  public static Map<Long, LockMode> locks(Connection c, Before before, Map<Long, String> names) throws SQLException {
    Map<Long, LockMode> locks = new TreeMap<>();
    // A relation the statement dropped has no pg_class row any more: its oid is in the before snapshot.
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT l.relation, l.mode, "
        + "c.oid::regclass::text FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() "
        + "AND l.locktype = 'relation' AND l.granted "
        + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.relation >= 16384")) {
      while (rs.next()) {
        long oid = rs.getLong(1);
        if (rs.getString(3) == null && !before.files().containsKey(oid)) continue; // transient relation of a rewrite
        if (rs.getString(3) != null && !before.files().containsKey(oid) && !isUser(c, oid)) continue;
        locks.merge(oid, mode(rs.getString(2)), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (rs.getString(3) != null) names.putIfAbsent(oid, rs.getString(3));
      }
    }
    return locks;
  }

  private static boolean isUser(Connection c, long oid) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(USER_RELATIONS + " AND c.oid = " + oid)) {
      return rs.next();
    }
  }

  private static long size(Connection c, long oid) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_relation_size(" + oid + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** "ShareRowExclusiveLock" as a LockMode. */
  public static LockMode mode(String pgLocksMode) {
    String words = pgLocksMode.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    return LockMode.valueOf(words);
  }
}
