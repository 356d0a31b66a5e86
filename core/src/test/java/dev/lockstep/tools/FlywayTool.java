package dev.lockstep.tools;

import dev.lockstep.pg.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/** Flyway (flyway-core with its PostgreSQL support) migrating a folder, with its defaults unless told otherwise. */
final class FlywayTool {
  static final String NAME = "Flyway";
  static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

  private FlywayTool() {}

  static String version() {
    return org.flywaydb.core.internal.license.VersionPrinter.getVersion();
  }

  /** {@code flyway migrate} of the scripts in {@code location}, with {@code settings} (flyway.* keys) on top of the defaults. */
  static ToolOutcome migrate(PostgresServer server, String database, Path location, Map<String, String> settings)
      throws Exception {
    Map<String, String> rest = new java.util.TreeMap<>(settings);
    String lock = rest.remove(TRANSACTIONAL_LOCK);
    FluentConfiguration config = Flyway.configure()
        .dataSource("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database, "postgres", "")
        .locations("filesystem:" + location.toAbsolutePath())
        .configuration(rest);
    // set through its extension: the settings map needs a Jackson module for this key
    if (lock != null) config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(Boolean.parseBoolean(lock));
    Flyway flyway = config.load();
    return ToolWatchdog.run(server, database, flyway::migrate);
  }
}
