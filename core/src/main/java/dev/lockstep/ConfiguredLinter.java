package dev.lockstep;

import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.config.Settings;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.history.AppliedMigrations;
import dev.lockstep.history.PendingMigrations;
import java.nio.file.Path;
import java.util.Set;

/**
 * The linter a configuration and a caller's overrides make, with each file's history replayed as
 * {@code lint} replays it: one place for the commands that lint, the language server and the Maven
 * plugin, so that none of them judges a file differently from the others.
 *
 * @param config   the configuration file's settings ({@link Config#NONE} without one)
 * @param settings the configuration with the caller's overrides applied
 * @param paths    which files are linted, and by which migration tool's rules
 * @param linter   the linter these make
 */
public record ConfiguredLinter(Config config, Settings settings, PathRules paths, MigrationLinter linter) {
  /**
   * @param forced a migration tool for every file, or null to detect it per file
   * @throws IllegalArgumentException with a one-line message for an unknown rule, level, duration or size
   */
  public static ConfiguredLinter of(Config config, Settings.Overrides overrides, Framework forced) {
    Settings settings = Settings.resolve(config, overrides);
    PathRules paths = new PathRules(config);
    MigrationLinter linter = new MigrationLinter(settings.options(), paths, forced, settings.includeDown(), settings.limits());
    return new ConfiguredLinter(config, settings, paths, linter);
  }

  /**
   * Judges each file after the earlier migrations of its history. Which of them are pending comes
   * from, in order of preference: {@code applied} (a database's or a snapshot's history tables),
   * {@code changed} (the files a change adds or modifies), then {@code pendingFrom}, or the
   * configuration's {@code pending-from} when it is null; each may be null.
   */
  public ConfiguredLinter withHistory(AppliedMigrations applied, Set<Path> changed, String pendingFrom) {
    linter.withHistory(new PendingMigrations(applied, changed, pendingFrom != null ? pendingFrom : config.pendingFrom()));
    return this;
  }
}
