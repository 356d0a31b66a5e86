package dev.lockstep.cli;

import dev.lockstep.engine.LintOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The configuration file and the facts about the target database: a picocli mixin. */
public final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: lockstep.toml or .lockstep.yaml here or in a parent folder up to the "
          + "repository root).")
  Path configFile;

  @Option(names = "--pg-version", paramLabel = "MAJOR",
      description = "PostgreSQL major the migrations run on (" + LintOptions.OLDEST_PG_VERSION + "-"
          + LintOptions.NEWEST_PG_VERSION + "; default: " + LintOptions.NEWEST_PG_VERSION + ", the newest lockstep knows).")
  Integer pgVersion;

  @Option(names = "--assume-in-transaction",
      description = "The migration runner wraps each file in a transaction.")
  boolean assumeInTransaction;
}
