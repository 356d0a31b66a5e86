package dev.lockstep.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What another session sees while a migration's transaction holds its locks. */
public final class Probes {
  private Probes() {}

  /**
   * Whether a plain read (SELECT) or write (an UPDATE of no rows) of the relation waits, from
   * {@code probe}: what the application would see, the index locks of its plan included. Null where
   * there is nothing to probe (an index; a write to a materialized view).
   */
  public static Boolean waits(Connection probe, long oid, boolean write) throws SQLException {
    String kind;
    String table;
    String column;
    try (ResultSet rs = probe.createStatement().executeQuery("SELECT c.relkind, c.oid::regclass::text, "
        // a column the UPDATE may set: not an identity or generated one (attgenerated is new in 12)
        + "(SELECT quote_ident(attname) FROM pg_attribute a WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped "
        + "AND attidentity = '' AND coalesce(to_jsonb(a) ->> 'attgenerated', '') = '' "
        + "ORDER BY attnum LIMIT 1) FROM pg_class c WHERE c.oid = " + oid)) {
      if (!rs.next()) return null;
      kind = rs.getString(1);
      table = rs.getString(2);
      column = rs.getString(3);
    }
    if (!kind.equals("r") && !kind.equals("p") && !(kind.equals("m") && !write)) return null;
    if (write && column == null) return null;
    String sql = write ? "UPDATE " + table + " SET " + column + " = " + column + " WHERE false"
        : "SELECT 1 FROM " + table + " LIMIT 1";
    boolean autoCommit = probe.getAutoCommit();
    probe.setAutoCommit(true);
    try (var s = probe.createStatement()) {
      s.execute("BEGIN");
      s.execute("SET LOCAL lock_timeout = '100ms'");
      try {
        s.execute(sql);
        return false;
      } catch (SQLException e) {
        if ("55P03".equals(e.getSQLState())) return true; // lock_not_available: it waited
        // A materialized view created WITH NO DATA cannot be read, but that is found once its lock is
        // granted: the read did not wait.
        if ("55000".equals(e.getSQLState()) && kind.equals("m")) return false;
        throw e;
      } finally {
        s.execute("ROLLBACK");
      }
    } finally {
      probe.setAutoCommit(autoCommit);
    }
  }
}
