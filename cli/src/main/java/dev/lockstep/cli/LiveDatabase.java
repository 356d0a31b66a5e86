package dev.lockstep.cli;

import dev.lockstep.pg.ConnectionSettings;
import dev.lockstep.pg.SecretMask;
import dev.lockstep.preflight.DatabaseAddress;
import picocli.CommandLine;

/**
 * The database preflight, stats and lint read: --database-url, else LOCKSTEP_DATABASE_URL, else
 * libpq's PG* variables, service file and password file. A URL that does not parse is a usage
 * error whose message never holds the password.
 */
final class LiveDatabase {
  private LiveDatabase() {}

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
