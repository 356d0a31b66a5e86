package dev.lockstep;

import dev.lockstep.cache.ResultCache;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.Deadline;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.frameworks.FlywaySettings;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.DeclaredRunner;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingMigrations;
import dev.lockstep.i18n.Text;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.report.LintReport;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Lints files the way their migration tools run them: framework, transactions, down sections. */
public final class MigrationLinter {
  private static final Text INTERRUPTED = Text.of("interrupted, the file was not checked");
  /** A file's result, and the problems of its history (it was then judged alone). */
  private record Judged(FileResult result, List<HistoryInputs.Problem> problems) {}

  /**
   * Parses the file while its history is read, replays the earlier migrations that matter to it,
   * and lints it after them; with a history that cannot be used, alone.
   */
  private Judged judge(MigrationScript script, CompletableFuture<HistoryInputs.Loading> loading) {
    ParsedFile parsed = parser.get().parse(script.source());
    HistoryInputs.Loading history = loading.join();
    SchemaModel before = SchemaModel.empty();
    List<HistoryInputs.Problem> problems = history.problems();
    try {
      if (!history.earlier().isEmpty() && histories.replaysPrefix(history)) {
        HistoryInputs.Replayed replayed = histories.replayPrefix(history, linter.get(), this::plan);
        before = replayed.model();
        problems = replayed.problems();
      } else if (!history.earlier().isEmpty()) {
        HistoryInputs.Prepared prepared = histories.select(history, parsed, parser.get());
        HistoryInputs.Replayed replayed = histories.replay(prepared, linter.get(), this::plan);
        before = replayed.model();
        problems = prepared.problems().isEmpty() ? replayed.problems() : prepared.problems();
      }
    } catch (OutOfMemoryError e) {
      // an earlier migration too big to replay: the file itself is still checked, alone
      linter.remove();
      parser.remove();
      before = SchemaModel.empty();
      problems = List.of(new HistoryInputs.Problem(HistoryInputs.display(Path.of(script.source().path())), null,
          Text.of("replaying its earlier migrations needs more memory than the Java heap allows "
              + "(%d MiB; give Java more, e.g. LOCKSTEP_JAVA_OPTS=-Xmx4g)", Runtime.getRuntime().maxMemory() >> 20)));
    }
    FileResult result = linter.get().lint(parsed, plan(script), before);
    if (histories != null && problems.isEmpty()) {
      histories.keepParsed(Path.of(script.source().path()).toAbsolutePath().normalize(), history, parsed);
    }
    return new Judged(result, problems);
  }

  /** A parser instance is single-threaded: one parser, and a linter sharing it, per thread. */
  private final ThreadLocal<SqlParser> parser = ThreadLocal.withInitial(SqlParser::new);
  private final ThreadLocal<Linter> linter;
  private final LintOptions options;
  private final PathRules pathRules;
  private final Framework forced;
  private final boolean includeDown;
  private final Limits limits;
  private ResultCache cache;
  private HistoryInputs histories;

  /** @param forced a framework for every file, or null to detect per file */
  public MigrationLinter(LintOptions options, PathRules pathRules, Framework forced, boolean includeDown) {
    this(options, pathRules, forced, includeDown, Limits.defaults());
  }

  public MigrationLinter(LintOptions options, PathRules pathRules, Framework forced, boolean includeDown, Limits limits) {
    this.linter = ThreadLocal.withInitial(() -> new Linter(Rules.all(), options, parser.get()));
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
        + "; framework=" + (forced == null ? "detected" : forced.id())
        // a parse limit decides whether a result is complete, so a result is reused only under the same limits
        + "; max-parse-millis=" + limits.maxParseMillis() + "; max-file-bytes=" + limits.maxFileBytes());
    return this;
  }

  /**
   * Judges each file after the earlier migrations of its history, in its tool's order, replayed
   * into the schema model; {@code pending} says which of them have not run in production yet.
   */
  public MigrationLinter withHistory(PendingMigrations pending) {
    histories = new HistoryInputs(new MigrationHistory(pending), this::script, limits);
    return this;
  }

  /** Why a file is too big to check, or null. */
  public Text tooBig(long bytes) {
    return limits.tooBig(bytes);
  }

  /** The limits files are read and parsed under. */
  public Limits limits() {
    return limits;
  }

  /** The file as its migration tool runs it. */
  public MigrationScript script(SourceFile source) {
    Path path = Path.of(source.path());
    return MigrationScript.declared(path, source, forced != null ? DeclaredRunner.tool(null, forced) : pathRules.framework(path),
        includeDown);
  }

  /** Stopped after max-parse-time: the result then holds an error saying the rest was not checked. */
  public FileResult lint(MigrationScript script) {
    return lint(script, SchemaModel.empty());
  }

  private FileResult lint(MigrationScript script, SchemaModel before) {
    TransactionPlan plan = plan(script);
    return Deadline.within(limits.maxParseMillis(), () -> linter.get().lint(script.source(), plan, before));
  }

  private TransactionPlan plan(MigrationScript script) {
    return options.assumeInTransaction()
        ? TransactionPlan.whole(script.source().text().length(), TransactionPlan.Mode.WRAPPED).withRunner(script.plan().tool(), script.plan().runner())
        : script.plan();
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
    if (histories != null) histories.linting(sources.stream().map(s -> Path.of(s.path())).toList());
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
    Map<HistoryInputs.Problem, List<String>> historyProblems = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      if (o.result() != null) results.add(o.result());
      if (o.skipped() != null) skipped.add(o.skipped());
      if (o.problem() != null) problems.add(o.problem());
      for (HistoryInputs.Problem p : o.historyProblems()) {
        historyProblems.computeIfAbsent(p, k -> new ArrayList<>()).add(o.result().path());
      }
    }
    problems.addAll(HistoryInputs.report(historyProblems));
    problems.addAll(flywaySettingsProblems(results));
    return new LintReport(results, problems, skipped, options.pgVersion());
  }

  /**
   * A Flyway configuration file that could not be read, once, naming the scripts that were judged with
   * Flyway's defaults instead (the stricter reading: mixed off, the lock in a transaction).
   */
  private static List<InputProblem> flywaySettingsProblems(List<FileResult> results) {
    Map<Path, List<String>> byConfig = new LinkedHashMap<>();
    Map<Path, Text> messages = new LinkedHashMap<>();
    for (FileResult r : results) {
      if (!Framework.FLYWAY.id().equals(r.framework())) continue;
      FlywaySettings settings = FlywaySettings.of(Path.of(r.path()));
      if (settings.problem() == null) continue;
      byConfig.computeIfAbsent(settings.source(), k -> new ArrayList<>()).add(r.path());
      messages.put(settings.source(), settings.problem());
    }
    List<InputProblem> out = new ArrayList<>();
    byConfig.forEach((config, files) -> {
      out.add(new InputProblem(HistoryInputs.display(config), Text.of("Flyway settings %s; %s judged with Flyway's defaults "
          + "(mixed=false, postgresql.transactional.lock=true)", messages.get(config), HistoryInputs.names(files))));
    });
    return out;
  }

  /**
   * One file's part of the report: exactly one of the first three is set; a result may come with
   * the problems of its history (it was then judged alone).
   */
  private record Outcome(FileResult result, LintReport.Skipped skipped, InputProblem problem, boolean outOfMemory,
                         List<HistoryInputs.Problem> historyProblems) {
    Outcome(FileResult result, LintReport.Skipped skipped, InputProblem problem) {
      this(result, skipped, problem, false, List.of());
    }
  }

  private Outcome outcome(SourceFile source) {
    Text tooBig = tooBig(source.utf8().length);
    if (tooBig != null) return new Outcome(null, null, new InputProblem(source.path(), tooBig));
    try {
      MigrationScript script = script(source);
      if (script.skipped() != null) return new Outcome(null, new LintReport.Skipped(source.path(), script.skipped()), null);
      CompletableFuture<HistoryInputs.Loading> loading = histories == null
          ? CompletableFuture.completedFuture(HistoryInputs.Loading.NONE) : histories.loadAsync(script, cache != null);
      ResultCache.Key key = null;
      if (cache != null) {
        HistoryInputs.Loading history = loading.join();
        // a file judged without its broken history is reported, never kept as if judged with it
        key = history.problems().isEmpty() ? cache.key(script, history.cacheKey()) : null;
        FileResult cached = key == null ? null : cache.get(key, script.source());
        if (cached != null) return new Outcome(cached.withFramework(script.framework().id(), detected(script)), null, null);
      }
      Judged judged = Deadline.within(limits.maxParseMillis(), () -> judge(script, loading));
      FileResult result = judged.result().withFramework(script.framework().id(), detected(script));
      if (key != null && judged.problems().isEmpty() && result.syntaxErrors().stream().noneMatch(SyntaxError::stoppedParsing)) {
        cache.put(key, result);
      }
      return new Outcome(result, null, null, false, judged.problems());
    } catch (OutOfMemoryError e) {
      linter.remove(); // the parser may have been mid-call: start the next file on a fresh one
      parser.remove();
      return new Outcome(null, null, new InputProblem(source.path(), outOfMemory()), true, List.of());
    } catch (RuntimeException | Error e) {
      // a bug, a stack overflow on deep nesting, a class left broken by an earlier error: this file only
      return new Outcome(null, null, new InputProblem(source.path(), Text.of("internal error, the file was not checked: %s", String.valueOf(e))));
    }
  }

  private static FileResult.Detected detected(MigrationScript script) {
    return new FileResult.Detected(script.reason(), script.detection().notes());
  }

  /** A huge statement's parse tree can outgrow the heap; the other files are still checked. */
  static Text outOfMemory() {
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
