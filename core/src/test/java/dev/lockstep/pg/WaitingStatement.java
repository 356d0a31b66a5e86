package dev.lockstep.pg;

import static dev.lockstep.pg.ServerQueries.execute;
import static dev.lockstep.pg.ServerQueries.single;
import static dev.lockstep.pg.ServerQueries.tuplesRead;

import dev.lockstep.engine.LockMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a statement that cannot run in a transaction block (CONCURRENTLY) does on a real server.
 * Its locks cannot be read from inside its transaction, so it is measured the way production
 * meets it: another session holds a long query's lock and snapshot on the table, and while the
 * statement waits for that session, pg_locks shows the locks it was granted and probes from a third
 * session show whether reads and writes of the table wait. Rewrites come from pg_class.relfilenode;
 * scans from pg_stat_user_tables (more tuples read than the probes' one row).
 */
public record WaitingStatement(Map<String, LockMode> tableLocks, Map<String, LockMode> requestedLocks, boolean waited,
                               Boolean blocksReads, Boolean blocksWrites, boolean rewritten, Boolean scanned) {

  /**
   * Runs {@code sql} on {@code c} (autocommit, idle) while a long query holds {@code relation}, or
   * the table of {@code relation} when it is an index.
   */
  public static WaitingStatement run(PostgresServer server, String database, Connection c, String sql, long relation)
      throws SQLException {
    try (Connection holder = server.connect(database); Connection probe = server.connect(database)) {
      long table = single(c, "SELECT coalesce((SELECT indrelid FROM pg_index WHERE indexrelid = " + relation + "), "
          + relation + ")");
      long rows = single(c, "SELECT count(*) FROM " + name(c, table));
      long fileBefore = single(c, "SELECT relfilenode FROM pg_class WHERE oid = " + table);
      long readBefore = tuplesRead(c, "relid = " + table);
      execute(holder, "BEGIN ISOLATION LEVEL REPEATABLE READ");
      execute(holder, "LOCK TABLE " + name(holder, table) + " IN ACCESS SHARE MODE");
      execute(holder, "SELECT 1"); // takes the snapshot that concurrent builds wait for
      BackgroundStatement statement = BackgroundStatement.start(c, sql);
      Map<String, LockMode> locks = new TreeMap<>();
      Map<String, LockMode> requested = new TreeMap<>();
      boolean waited = statement.waits(probe, "true", 20);
      Boolean reads = null;
      Boolean writes = null;
      if (waited) {
        locks = tableLocks(probe, statement.pid(), true);
        requested = tableLocks(probe, statement.pid(), false);
        reads = Probes.waits(probe, table, false);
        writes = Probes.waits(probe, table, true);
      }
      execute(holder, "COMMIT");
      statement.finish();
      boolean rewritten = single(c, "SELECT relfilenode FROM pg_class WHERE oid = " + table) != fileBefore
          && single(c, "SELECT pg_relation_size(" + table + ")") > 0;
      long read = tuplesRead(c, "relid = " + table) - readBefore;
      return new WaitingStatement(locks, requested, waited, reads, writes, rewritten, rows < 2 ? null : read > 1);
    }
  }

  /**
   * The strongest lock the session was granted (or, with {@code granted} false, waits for: one that
   * conflicts with the long query's) on each table, partitioned table or materialized view.
   */
  private static Map<String, LockMode> tableLocks(Connection probe, long pid, boolean granted) throws SQLException {
    Map<String, LockMode> out = new TreeMap<>();
    try (Statement s = probe.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text, l.mode "
        + "FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = " + pid + " AND l.granted = " + granted + " "
        + "AND l.locktype = 'relation' AND c.relkind IN ('r', 'p', 'm') AND l.relation >= 16384")) {
      while (rs.next()) out.merge(rs.getString(1), Measurement.mode(rs.getString(2)), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    return out;
  }

  private static String name(Connection c, long oid) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + oid + "::regclass::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

}
