package dev.lockstep.report;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.Severity;
import dev.lockstep.input.InputProblem;
import java.util.List;

/**
 * Everything one run found, in input order: per-file results and the inputs it could not read.
 *
 * @param config the configuration file the run applied, or null when none applied
 */
public record LintReport(List<FileResult> files, List<InputProblem> problems, List<Skipped> skipped, int pgVersion,
                         int baselined, String config) {
  public LintReport {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
    skipped = List.copyOf(skipped);
  }

  /** A file that is not deployed (a down migration) and so was not linted. */
  public record Skipped(String path, String reason) {}

  public LintReport(List<FileResult> files, List<InputProblem> problems, int pgVersion) {
    this(files, problems, List.of(), pgVersion, 0, null);
  }

  public LintReport(List<FileResult> files, List<InputProblem> problems, List<Skipped> skipped, int pgVersion) {
    this(files, problems, skipped, pgVersion, 0, null);
  }

  /** The same report, saying which configuration file applied (null: none). */
  public LintReport withConfig(String configFile) {
    return new LintReport(files, problems, skipped, pgVersion, baselined, configFile);
  }

  public List<Finding> findings() {
    return files.stream().flatMap(f -> f.findings().stream()).toList();
  }

  public int syntaxErrorCount() {
    return files.stream().mapToInt(f -> f.syntaxErrors().size()).sum();
  }

  /** 2 when an input could not be read or parsed, 1 when a finding reaches the fail level, else 0. */
  public int exitCode(Severity failLevel) {
    if (!problems.isEmpty() || syntaxErrorCount() > 0) return 2;
    return findings().stream().anyMatch(f -> f.severity().atLeast(failLevel)) ? 1 : 0;
  }
}
