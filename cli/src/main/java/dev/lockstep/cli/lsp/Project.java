package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.MigrationLinter;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.Severity;
import java.nio.file.Path;

/**
 * The lint settings of the files under one configuration file (or none): the linter `lint` would
 * use, the fail level, or the configuration's error when it cannot be read. {@code stamp} is the
 * file's modification time and size when it was read, to notice a change.
 */
record Project(Path configFile, String stamp, MigrationLinter linter, PathRules paths, Severity failLevel, Text error,
               Catalog catalog) {
  /** A configuration that cannot be used; its error is told in {@code catalog}'s language. */
  static Project broken(Path configFile, String stamp, Text error, Catalog catalog) {
    return new Project(configFile, stamp, null, null, null, error, catalog);
  }
}
