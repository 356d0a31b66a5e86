package dev.lockstep.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The two kinds of session lockstep opens on a live database. Checks run read-only, with short
 * statement and lock timeouts, so that a catalog read can never sit in a lock queue for long;
 * only the index repair writes, and its application name says so.
 */
public final class Sessions {
  public static final String APPLICATION = "lockstep preflight";
  public static final String REPAIR_APPLICATION = "lockstep preflight (repairing indexes)";
  static final long STATEMENT_TIMEOUT_MILLIS = 10_000;
  static final long LOCK_TIMEOUT_MILLIS = 1_000;

  private Sessions() {}

  /** A read-only session: every transaction read-only, 10 s statement and 1 s lock timeouts. */
  public static Connection readOnly(DatabaseAddress address) throws SQLException {
    return readOnly(address, APPLICATION);
  }

  public static Connection readOnly(DatabaseAddress address, String application) throws SQLException {
    Properties p = new Properties();
    p.setProperty("ApplicationName", application);
    p.setProperty("options", "-c default_transaction_read_only=on -c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS
        + " -c lock_timeout=" + LOCK_TIMEOUT_MILLIS + " -c idle_in_transaction_session_timeout=60000");
    p.setProperty("connectTimeout", "10");
    p.setProperty("readOnly", "true");
    Connection c;
    try {
      c = address.connect(p);
    } catch (SQLException e) {
      // A connection pooler (PgBouncer) may refuse startup options: connect without them; the SETs below still apply.
      if (e.getMessage() == null || !e.getMessage().contains("unsupported startup parameter")) throw e;
      p.remove("options");
      c = address.connect(p);
    }
    try {
      c.setAutoCommit(true);
      // Never trust that the options reached the server (a pooler may drop them): check and set again.
      try (Statement s = c.createStatement()) {
        s.execute("SET default_transaction_read_only = on");
        s.execute("SET statement_timeout = " + STATEMENT_TIMEOUT_MILLIS);
        s.execute("SET lock_timeout = " + LOCK_TIMEOUT_MILLIS);
        try (ResultSet rs = s.executeQuery("SHOW default_transaction_read_only")) {
          rs.next();
          if (!"on".equals(rs.getString(1))) throw new SQLException("the session could not be made read-only");
        }
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** The one writing session: autocommit (CONCURRENTLY cannot run in a transaction block), no statement timeout. */
  public static Connection repair(DatabaseAddress address) throws SQLException {
    Properties p = new Properties();
    p.setProperty("ApplicationName", REPAIR_APPLICATION);
    p.setProperty("connectTimeout", "10");
    Connection c = address.connect(p);
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET default_transaction_read_only = off");
      s.execute("SET statement_timeout = 0");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
