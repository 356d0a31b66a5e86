package dev.lockstep.tools;

import dev.lockstep.pg.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/** Liquibase's update of a changelog, with its defaults. */
final class LiquibaseTool {
  static final String NAME = "Liquibase";

  static {
    // nothing leaves the machine, and the log stays short
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
  }

  private LiquibaseTool() {}

  static String version() {
    return liquibase.util.LiquibaseUtil.getBuildVersion();
  }

  /** {@code liquibase update} of {@code changelog}, a path relative to {@code root}. */
  static ToolOutcome update(PostgresServer server, String database, Path root, String changelog) throws Exception {
    return ToolWatchdog.run(server, database, () -> {
      try (Connection c = server.connect(database)) {
        Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(root.toFile())), () ->
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                .execute());
      }
    });
  }
}
