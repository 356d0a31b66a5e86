package dev.lockstep.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The server's version ("15.18"), its major (15), the database's name, and whether the role may read every session's statistics. */
public record ServerInfo(String version, int major, String database, boolean readsAllStats, boolean inRecovery) {

  public static ServerInfo of(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT current_setting('server_version'), current_setting('server_version_num')::int / 10000, current_database(), "
            + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
            + "OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'), pg_is_in_recovery()")) {
      rs.next();
      return new ServerInfo(rs.getString(1).split(" ")[0], rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5));
    }
  }
}
