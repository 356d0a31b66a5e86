package dev.lockstep.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The small queries the server tests run on a connection of their own. */
public final class ServerQueries {
  private ServerQueries() {}

  /** The first column of the first row, as a number. */
  public static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The first column of the first row, as text. */
  public static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  public static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Tuples read sequentially from the user tables that {@code where} selects in pg_stat_user_tables,
   * with this session's own counts flushed first (they reach the statistics when a statement ends).
   */
  public static long tuplesRead(Connection c, String where) throws SQLException {
    execute(c, "SELECT pg_stat_force_next_flush()"); // the flush happens as this statement ends
    return single(c, "SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables WHERE " + where);
  }
}
