package dev.lockstep.preflight;

import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.pg.SecretMask;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a database is and how to log in, kept behind two calls so that nothing printed can show
 * the password: {@link #connect} opens a session with extra connection properties (application
 * name, server options), {@link #display} names the database without credentials.
 */
public interface DatabaseAddress {
  Connection connect(Properties session) throws SQLException;

  /** e.g. "postgresql://app@db.internal:5432/app": never a password. */
  String display();

  /** An address read with libpq's rules; errors come back with every password masked. */
  static DatabaseAddress of(ConnectionSettings settings) {
    return new DatabaseAddress() {
      @Override
      public Connection connect(Properties session) throws SQLException {
        Properties p = settings.properties();
        for (String key : session.stringPropertyNames()) {
          String value = session.getProperty(key);
          // The user's own server options (?options=-c search_path=app) stay; ours are added after them.
          if (key.equals("options") && p.getProperty("options") != null) value = p.getProperty("options") + " " + value;
          p.setProperty(key, value);
        }
        try {
          return DriverManager.getConnection(settings.jdbcUrl(), p);
        } catch (SQLException e) {
          throw new SQLException(SecretMask.mask(Preflight.reason(e)), e.getSQLState());
        }
      }

      @Override
      public String display() {
        return settings.redacted();
      }
    };
  }
}
