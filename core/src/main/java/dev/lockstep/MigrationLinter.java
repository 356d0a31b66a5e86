package dev.lockstep;

import dev.lockstep.config.PathRules;
import dev.lockstep.engine.Deadline;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.input.InputProblem;
import dev.lockstep.report.LintReport;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lints files the way their migration tools run them: framework, transactions, down sections. */
public final class MigrationLinter {
  private final Linter linter;
  private final LintOptions options;
  private final PathRules pathRules;
  private final Framework forced;
  private final boolean includeDown;
  private final Limits limits;

  /** @param forced a framework for every file, or null to detect per file */
  public MigrationLinter(LintOptions options, PathRules pathRules, Framework forced, boolean includeDown) {
    this(options, pathRules, forced, includeDown, Limits.defaults());
  }

  public MigrationLinter(LintOptions options, PathRules pathRules, Framework forced, boolean includeDown, Limits limits) {
    this.linter = new Linter(Rules.all(), options);
    this.options = options;
    this.pathRules = pathRules;
    this.forced = forced;
    this.includeDown = includeDown;
    this.limits = limits;
  }

  /** Why a file is too big to check, or null. */
  public String tooBig(long bytes) {
    if (bytes <= limits.maxFileBytes()) return null;
    return "is " + Limits.describe(bytes) + ", larger than max-file-size (" + Limits.describe(limits.maxFileBytes())
        + "): not checked (raise max-file-size to check it)";
  }

  /** The file as its migration tool runs it. */
  public MigrationScript script(SourceFile source) {
    Path path = Path.of(source.path());
    return MigrationScript.of(path, source, forced != null ? forced : pathRules.framework(path), includeDown);
  }

  /** Stopped after max-parse-time: the result then holds an error saying the rest was not checked. */
  public FileResult lint(MigrationScript script) {
    TransactionPlan plan = options.assumeInTransaction()
        ? TransactionPlan.whole(script.source().text().length(), TransactionPlan.Mode.WRAPPED) : script.plan();
    return Deadline.within(limits.maxParseMillis(), () -> linter.lint(script.source(), plan));
  }

  /** Lints every source; a file that breaks the linter becomes a problem, never hides the others. */
  public LintReport lintAll(List<SourceFile> sources, List<InputProblem> readProblems) {
    List<InputProblem> problems = new ArrayList<>(readProblems);
    List<FileResult> results = new ArrayList<>();
    List<LintReport.Skipped> skipped = new ArrayList<>();
    for (SourceFile source : sources) {
      String tooBig = tooBig(source.utf8().length);
      if (tooBig != null) {
        problems.add(new InputProblem(source.path(), tooBig));
        continue;
      }
      try {
        MigrationScript script = script(source);
        if (script.skipped() != null) {
          skipped.add(new LintReport.Skipped(source.path(), script.skipped()));
          continue;
        }
        results.add(lint(script).withFramework(script.framework().id()));
      } catch (RuntimeException | StackOverflowError e) {
        problems.add(new InputProblem(source.path(), "internal error, the file was not checked: " + e));
      }
    }
    return new LintReport(results, problems, skipped, options.pgVersion());
  }
}
