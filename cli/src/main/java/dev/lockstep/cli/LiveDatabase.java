package dev.lockstep.cli;

import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.pg.SecretMask;
import dev.lockstep.preflight.DatabaseAddress;
import dev.lockstep.preflight.Sessions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine;

/**
 * The database preflight, stats and lint read: --database-url, else LOCKSTEP_DATABASE_URL, else
 * libpq's PG* variables, service file and password file. A URL that does not parse is a usage
 * error whose message never holds the password. Each command reads it in the one read-only
 * session {@link #read} opens.
 */
final class LiveDatabase {
  private LiveDatabase() {}

  /** What a command does in its read-only session. */
  interface Work<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  /** The database could not be read; the message is one line, "lockstep: ADDRESS: reason", without the password. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Runs the work in a read-only session (read-only transactions, short statement and lock
   * timeouts, see {@link Sessions#readOnly}) named after the command, and closes it.
   */
  static <T> T read(DatabaseAddress address, String application, Work<T> work) throws Unreadable, IOException {
    try (Connection c = Sessions.readOnly(address, application)) {
      return work.run(c);
    } catch (SQLException e) {
      throw new Unreadable(error(address, e));
    }
  }

  static DatabaseAddress address(String url, CommandLine.Model.CommandSpec spec) {
    SecretMask.routeDriverLogging(System.err);
    String given = url != null ? url : System.getenv("LOCKSTEP_DATABASE_URL");
    try {
      ConnectionSettings settings = ConnectionSettings.parse(given);
      for (String warning : settings.warnings()) spec.commandLine().getErr().println("lockstep: " + SecretMask.mask(warning));
      return DatabaseAddress.of(settings);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--database-url: " + SecretMask.mask(e.getMessage()));
    }
  }

  /** "lockstep: postgresql://app@db:5432/app: connection refused" on one line, the password masked. */
  static String error(DatabaseAddress address, Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return "lockstep: " + address.display() + ": " + SecretMask.mask(m.replaceFirst("^(ERROR|FATAL): ", ""));
  }
}
