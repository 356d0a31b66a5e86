package dev.lockstep;

import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * lockstep as a library, e.g. to assert in a JUnit test that a project's migrations are safe:
 * <pre>{@code
 * assertThat(Lockstep.lint(Path.of("src/main/resources/db/migration"))).isEmpty();
 * }</pre>
 * Files are linted as their migration tool runs them (down migrations skipped), with the default
 * rules and PostgreSQL 18 unless options are given.
 */
public final class Lockstep {
  private Lockstep() {}

  /** Findings of a file or of every *.sql file under a folder. Unreadable or unparsable files throw. */
  public static List<Finding> lint(Path path) throws IOException {
    return lint(path, LintOptions.defaults());
  }

  public static List<Finding> lint(Path path, LintOptions options) throws IOException {
    SqlFiles files = SqlFiles.collect(List.of(path));
    if (!files.problems().isEmpty()) throw new IOException(files.problems().get(0).describe());
    MigrationLinter linter = new MigrationLinter(options, new PathRules(Config.NONE), null, false);
    SqlFiles.Read read = SqlFiles.read(files.files(), linter.limits());
    if (!read.problems().isEmpty()) throw new IOException(read.problems().get(0).describe());
    List<Finding> out = new ArrayList<>();
    for (SourceFile source : read.sources()) {
      MigrationScript script = linter.script(source);
      if (script.skipped() != null) continue;
      FileResult result = linter.lint(script);
      if (!result.syntaxErrors().isEmpty()) {
        var e = result.syntaxErrors().get(0);
        throw new IOException(source.path() + ":" + source.position(e.offset()) + ": " + e.message());
      }
      out.addAll(result.findings());
    }
    return out;
  }

  /** Findings of SQL text, linted as plain SQL run statement by statement. */
  public static List<Finding> lint(String sql) {
    return new Linter(Rules.all(), LintOptions.defaults()).lint(SourceFile.of("<sql>", sql)).findings();
  }
}
