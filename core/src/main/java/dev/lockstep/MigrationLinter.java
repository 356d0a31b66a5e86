package dev.lockstep;

import dev.lockstep.cache.ResultCache;
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
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.report.LintReport;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Lints files the way their migration tools run them: framework, transactions, down sections. */
public final class MigrationLinter {
  private static final String INTERRUPTED = "interrupted, the file was not checked";
  /** A parser instance is single-threaded: one linter per thread. */
  private final ThreadLocal<Linter> linter;
  private final LintOptions options;
  private final PathRules pathRules;
  private final Framework forced;
  private final boolean includeDown;
  private final Limits limits;
  private ResultCache cache;

  /** @param forced a framework for every file, or null to detect per file */
  public MigrationLinter(LintOptions options, PathRules pathRules, Framework forced, boolean includeDown) {
    this(options, pathRules, forced, includeDown, Limits.defaults());
  }

  public MigrationLinter(LintOptions options, PathRules pathRules, Framework forced, boolean includeDown, Limits limits) {
    this.linter = ThreadLocal.withInitial(() -> new Linter(Rules.all(), options));
    this.options = options;
    this.pathRules = pathRules;
    this.forced = forced;
    this.includeDown = includeDown;
    this.limits = limits;
  }

  /**
   * Keeps results in {@code dir} between runs and reuses them for files that did not change (see
   * {@link ResultCache}). Results of a parse that was stopped or failed are never kept.
   */
  public MigrationLinter withCache(Path dir) {
    cache = new ResultCache(dir, ResultCache.describe(options) + "; include-down=" + includeDown
        + "; framework=" + (forced == null ? "detected" : forced.id()));
    return this;
  }

  /** Why a file is too big to check, or null. */
  public String tooBig(long bytes) {
    return limits.tooBig(bytes);
  }

  /** The limits files are read and parsed under. */
  public Limits limits() {
    return limits;
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
    return Deadline.within(limits.maxParseMillis(), () -> linter.get().lint(script.source(), plan));
  }

  /** Lints every source; a file that breaks the linter becomes a problem, never hides the others. */
  public LintReport lintAll(List<SourceFile> sources, List<InputProblem> readProblems) {
    return lintAll(sources, readProblems, 1);
  }

  /**
   * As {@link #lintAll(List, List)} on {@code jobs} threads, each with its own parser; the report
   * lists files in input order whatever finished first.
   */
  public LintReport lintAll(List<SourceFile> sources, List<InputProblem> readProblems, int jobs) {
    Outcome[] outcomes = new Outcome[sources.size()];
    long[] sizes = new long[sources.size()];
    for (int i = 0; i < sizes.length; i++) sizes[i] = sources.get(i).utf8().length;
    LintSchedule schedule = LintSchedule.plan(sizes, jobs, Runtime.getRuntime().maxMemory());
    List<Integer> small = schedule.small();
    List<Integer> beside = schedule.beside();
    if (!schedule.threaded()) {
      lintEach(small, sources, outcomes);
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, small.size() + 1), LintThreads.FACTORY);
      try {
        List<Runnable> tasks = new ArrayList<>();
        for (int i : small) tasks.add(() -> outcomes[i] = outcome(sources.get(i)));
        // The large files' lane starts once the first small files have started, by when the
        // classes linting needs are loaded: an out-of-memory error in a class's initialiser would
        // leave the class broken for the rest of the run.
        if (!beside.isEmpty()) tasks.add(Math.min(tasks.size(), 4 * jobs), () -> lintEach(beside, sources, outcomes));
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable task : tasks) futures.add(pool.submit(task));
        for (Future<?> f : futures) awaitQuietly(f);
      } finally {
        pool.shutdownNow();
      }
      // A file that still ran out of memory beside others gets a second try alone, once the other
      // threads and their parsers are gone.
      awaitQuietly(pool);
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] != null && outcomes[i].outOfMemory()) outcomes[i] = outcome(sources.get(i));
      }
    }
    lintEach(schedule.alone(), sources, outcomes);
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) outcomes[i] = new Outcome(null, null, new InputProblem(sources.get(i).path(), INTERRUPTED));
    }
    List<InputProblem> problems = new ArrayList<>(readProblems);
    List<FileResult> results = new ArrayList<>();
    List<LintReport.Skipped> skipped = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.result() != null) results.add(o.result());
      if (o.skipped() != null) skipped.add(o.skipped());
      if (o.problem() != null) problems.add(o.problem());
    }
    return new LintReport(results, problems, skipped, options.pgVersion());
  }

  /** One file's part of the report: exactly one of the three is set. */
  private record Outcome(FileResult result, LintReport.Skipped skipped, InputProblem problem, boolean outOfMemory) {
    Outcome(FileResult result, LintReport.Skipped skipped, InputProblem problem) {
      this(result, skipped, problem, false);
    }
  }

  private Outcome outcome(SourceFile source) {
    String tooBig = tooBig(source.utf8().length);
    if (tooBig != null) return new Outcome(null, null, new InputProblem(source.path(), tooBig));
    try {
      MigrationScript script = script(source);
      if (script.skipped() != null) return new Outcome(null, new LintReport.Skipped(source.path(), script.skipped()), null);
      ResultCache.Key key = cache == null ? null : cache.key(script);
      FileResult cached = key == null ? null : cache.get(key, script.source());
      if (cached != null) return new Outcome(cached, null, null);
      FileResult result = lint(script).withFramework(script.framework().id());
      if (key != null && result.syntaxErrors().stream().noneMatch(SyntaxError::stoppedParsing)) cache.put(key, result);
      return new Outcome(result, null, null);
    } catch (OutOfMemoryError e) {
      linter.remove(); // the parser may have been mid-call: start the next file on a fresh one
      return new Outcome(null, null, new InputProblem(source.path(), outOfMemory()), true);
    } catch (RuntimeException | Error e) {
      // a bug, a stack overflow on deep nesting, a class left broken by an earlier error: this file only
      return new Outcome(null, null, new InputProblem(source.path(), "internal error, the file was not checked: " + e));
    }
  }

  /** A huge statement's parse tree can outgrow the heap; the other files are still checked. */
  static String outOfMemory() {
    return Limits.outOfMemory();
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for a file's task; its outcome is in the array, or it failed in a way {@link #outcome} reports. */
  private static void awaitQuietly(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // cannot happen: outcome() turns every error of a file into that file's outcome
    }
  }

  private void lintEach(List<Integer> files, List<SourceFile> sources, Outcome[] outcomes) {
    for (int i : files) outcomes[i] = outcome(sources.get(i));
  }

}
