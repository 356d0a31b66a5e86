package dev.lockstep;

import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.history.PendingMigrations;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.report.LintReport;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * lockstep as a library, e.g. to assert in a JUnit test that a project's migrations are safe:
 * <pre>{@code
 * assertThat(Lockstep.lint(Path.of("src/main/resources/db/migration"))).isEmpty();
 * }</pre>
 * Files are linted as their migration tool runs them (down migrations skipped), each after the
 * earlier migrations of its history as {@code lockstep lint} replays them, with the default rules
 * and PostgreSQL 18 unless options are given.
 */
public final class Lockstep {
  private Lockstep() {}

  /**
   * Findings of a file or of every *.sql file under a folder, each judged after its earlier
   * migrations (all taken as applied). Unreadable or unparsable files throw, and so does a history
   * that cannot be used (an ambiguous order, an earlier file that does not parse): no file is taken
   * as clean when it could not be judged as it runs.
   */
  public static List<Finding> lint(Path path) throws IOException {
    return lint(path, LintOptions.defaults());
  }

  public static List<Finding> lint(Path path, LintOptions options) throws IOException {
    return lint(path, options, PendingMigrations.NONE);
  }

  /** As {@link #lint(Path, LintOptions)}, with {@code pending} saying which earlier migrations are not applied yet. */
  public static List<Finding> lint(Path path, LintOptions options, PendingMigrations pending) throws IOException {
    SqlFiles files = SqlFiles.collect(List.of(path));
    if (!files.problems().isEmpty()) throw new IOException(files.problems().get(0).describe());
    MigrationLinter linter = new MigrationLinter(options, new PathRules(Config.NONE), null, false).withHistory(pending);
    SqlFiles.Read read = SqlFiles.read(files.files(), linter.limits());
    if (!read.problems().isEmpty()) throw new IOException(read.problems().get(0).describe());
    LintReport report = linter.lintAll(read.sources(), List.of());
    for (FileResult result : report.files()) {
      if (!result.syntaxErrors().isEmpty()) {
        var e = result.syntaxErrors().get(0);
        throw new IOException(result.path() + ":" + result.source().position(e.offset()) + ": " + e.message());
      }
    }
    if (!report.problems().isEmpty()) throw new IOException(report.problems().get(0).describe());
    return report.findings();
  }

  /** Findings of SQL text, linted as plain SQL run statement by statement. */
  public static List<Finding> lint(String sql) {
    return new Linter(Rules.all(), LintOptions.defaults()).lint(SourceFile.of("<sql>", sql)).findings();
  }
}
