package dev.lockstep;

import dev.lockstep.cache.ResultCache;
import dev.lockstep.engine.Limits;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayProblem;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.history.HistoryProblem;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.RelevantMigrations;
import dev.lockstep.i18n.Text;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.parse.ObjectNames;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.source.BoundedRead;
import dev.lockstep.source.InputException;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The earlier migrations a file is judged after: its history in its tool's order, each file read
 * once per run and interpreted as its tool runs it, reduced to those that can matter to the file
 * (see {@link RelevantMigrations}). A history that cannot be used (an ambiguous order, an earlier
 * file that cannot be read) gives located problems, and the file is judged alone. Shared by the
 * threads of a run.
 */
final class HistoryInputs {
  /** An earlier migration to replay, and whether it is pending. */
  record Earlier(Path path, SourceFile source, boolean pending) {}

  /**
   * What a file is judged after: the earlier migrations to replay, or the problems that made it
   * fall back to the file alone; and the history's part of the result cache key.
   */
  record Prepared(List<Earlier> replay, List<Problem> problems, String cacheKey) {
    static final Prepared NONE = new Prepared(List.of(), List.of(), "");
  }

  /** The model a file is judged after, or the problems of the earlier statements that did not parse. */
  record Replayed(SchemaModel model, List<Problem> problems) {}

  /**
   * Why a file's history could not be used: at {@code path} (and {@code at}, when known). The run
   * reports each problem once, naming the files that were judged alone because of it.
   */
  record Problem(String path, Position at, Text message) {}

  /** An earlier file as read, or why it could not be read. */
  record Loaded(SourceFile source, Text problem) {}

  private final MigrationHistory history;
  private final Function<SourceFile, MigrationScript> scripts;
  private final Limits limits;
  // each earlier file is read, hashed, interpreted and parsed for its sources at most once per run
  private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
  private final Map<Path, MigrationScript> interpreted = new ConcurrentHashMap<>();
  private final Map<Path, RelevantMigrations.Text> texts = new ConcurrentHashMap<>();
  private final Map<Path, ObjectNames.Lineage> lineages = new ConcurrentHashMap<>();
  /** Replayed models by the content of what was replayed: files that need the same earlier files share one. */
  private final Map<String, SchemaModel> models = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SchemaModel> eldest) {
      return size() > MODELS_KEPT;
    }
  });
  private static final int MODELS_KEPT = 64;

  /** @param limits the size an earlier file may have, as the files linted */
  HistoryInputs(MigrationHistory history, Function<SourceFile, MigrationScript> scripts, Limits limits) {
    this.history = history;
    this.scripts = scripts;
    this.limits = limits;
  }

  /**
   * A file's history read: its earlier migrations with their texts, or the problems that keep it
   * from being used; and its part of the result cache key.
   */
  record Loading(List<Earlier> earlier, List<Problem> problems, String cacheKey) {
    static final Loading NONE = new Loading(List.of(), List.of(), "");
  }

  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lockstep-history");
    t.setDaemon(true);
    return t;
  });

  /** Reads the history on another thread, while the caller starts parsing the file itself. */
  CompletableFuture<Loading> loadAsync(MigrationScript script, boolean keyed) {
    return CompletableFuture.supplyAsync(() -> load(script, keyed), READERS);
  }

  /** @param keyed whether the result cache needs the history's content in its key */
  Loading load(MigrationScript script, boolean keyed) {
    Path path = Path.of(script.source().path());
    MigrationHistory.History h = history.before(path, script.framework());
    if (!h.problems().isEmpty()) {
      List<Problem> problems = new ArrayList<>();
      for (HistoryProblem p : h.problems()) problems.add(new Problem(display(p.path()), new Position(p.line(), p.column()), p.message()));
      return new Loading(List.of(), problems, "");
    }
    if (h.earlier().isEmpty()) return Loading.NONE;
    List<Earlier> earlier = new ArrayList<>();
    MessageDigest digest = keyed ? ResultCache.digest() : null;
    for (MigrationHistory.Earlier e : h.earlier()) {
      Path p = e.migration().path();
      Loaded l = loaded.computeIfAbsent(p, this::read);
      if (l.problem() != null) return new Loading(List.of(), List.of(new Problem(display(p), null, l.problem())), "");
      earlier.add(new Earlier(p, l.source(), e.pending()));
      if (keyed) ResultCache.update(digest, p.toString(), l.source().text(), String.valueOf(e.pending()));
      else text(earlier.get(earlier.size() - 1)); // on this thread, while the file is parsed
    }
    return new Loading(earlier, List.of(), keyed ? ResultCache.hex(digest) : "");
  }

  /** The earlier migrations to replay for a file whose statements are {@code parsed}. */
  Prepared select(Loading loading, ParsedFile parsed, SqlParser parser) {
    if (!loading.problems().isEmpty() || loading.earlier().isEmpty()) {
      return new Prepared(List.of(), loading.problems(), loading.cacheKey());
    }
    Set<String> names = ObjectNames.of(parsed.statements());
    List<Integer> selected;
    try {
      List<RelevantMigrations.Text> texts = loading.earlier().stream().map(this::text).toList();
      selected = RelevantMigrations.select(names, texts, i -> lineageOf(loading.earlier().get(i), texts.get(i), parser));
    } catch (Unparsed e) {
      return new Prepared(List.of(), List.of(new Problem(display(Path.of(e.getMessage())), null,
          Text.of("parsing this earlier migration stopped (max-parse-time)"))), "");
    }
    List<Earlier> replay = new ArrayList<>();
    for (int i : selected) replay.add(loading.earlier().get(i));
    return new Prepared(replay, List.of(), loading.cacheKey());
  }

  /** The files this run lints (absolute, normalized), set before it starts. */
  private volatile Set<Path> linted = Set.of();
  /** Models after the first n migrations of a history, by the history's first file and n. */
  private final Map<String, SchemaModel> prefixes = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SchemaModel> eldest) {
      return size() > PREFIXES_KEPT;
    }
  });
  private static final int PREFIXES_KEPT = 256;

  /**
   * Files this run linted whose successor is linted too, as parsed for their own lint: the
   * successor's prefix replays them without parsing them again. An entry is taken once; a file
   * whose successor already replayed it (another thread got there first) is not kept.
   */
  private final Map<Path, ParsedFile> parsedLinted = new ConcurrentHashMap<>();
  private static final int PARSED_KEPT = 64;
  private static final int PARSED_MAX_CHARS = 1 << 20;

  /** The file at {@code path} (absolute, normalized) was parsed for its lint after the history {@code loading}. */
  void keepParsed(Path path, Loading loading, ParsedFile parsed) {
    if (!linted.contains(path) || parsedLinted.size() >= PARSED_KEPT
        || parsed.source().text().length() > PARSED_MAX_CHARS
        || parsed.errors().stream().anyMatch(SyntaxError::stoppedParsing)) {
      return;
    }
    List<Earlier> earlier = loading.earlier();
    Path first = earlier.isEmpty() ? path : earlier.get(0).path();
    if (prefixes.containsKey(first + "#" + (earlier.size() + 1))) return; // its successor has gone past it
    parsedLinted.put(path, parsed);
  }

  void linting(List<Path> files) {
    Set<Path> out = new java.util.HashSet<>();
    for (Path f : files) out.add(f.toAbsolutePath().normalize());
    linted = out;
  }

  /**
   * Whether the file's previous migration is linted in this run too (a folder): its history is then
   * replayed whole, as a running prefix each file extends by one, which costs one parse per file
   * however much the files have in common. A file linted without its neighbours replays only the
   * earlier files that matter to it.
   */
  boolean replaysPrefix(Loading loading) {
    List<Earlier> earlier = loading.earlier();
    return !earlier.isEmpty() && linted.contains(earlier.get(earlier.size() - 1).path());
  }

  /** The model after all of a file's earlier migrations, extending the longest prefix replayed so far. */
  Replayed replayPrefix(Loading loading, Linter linter, Function<MigrationScript, TransactionPlan> plans) {
    List<Earlier> earlier = loading.earlier();
    String history = earlier.get(0).path() + "#";
    int from = earlier.size();
    SchemaModel model = null;
    while (from > 0 && (model = prefixes.get(history + from)) == null) from--;
    if (model == null) model = SchemaModel.empty();
    for (int i = from; i < earlier.size(); i++) {
      Earlier e = earlier.get(i);
      ParsedFile parsed = parsedLinted.remove(e.path());
      if (!text(e).changesSchema()) { // rows only: nothing to replay
        prefixes.put(history + (i + 1), model);
        continue;
      }
      MigrationScript script = script(e);
      // the file as parsed for its own lint, when it is what the history reads now
      model = parsed != null && parsed.source().parseText().equals(script.source().parseText())
          ? linter.replay(model, parsed, script.source().path(), e.pending())
          : linter.replay(model, List.of(new ReplayedMigration(script.source(), plans.apply(script), e.pending())));
      prefixes.put(history + (i + 1), model);
    }
    return replayed(model);
  }

  /**
   * Replays the earlier migrations into a model; one already replayed in this run (same files,
   * same pending flags) is reused. Earlier statements that do not parse
   * are problems, and the file is then judged alone.
   */
  Replayed replay(Prepared prepared, Linter linter, Function<MigrationScript, TransactionPlan> plans) {
    if (prepared.replay().isEmpty()) return new Replayed(SchemaModel.empty(), List.of());
    StringBuilder key = new StringBuilder();
    List<ReplayedMigration> migrations = new ArrayList<>();
    for (Earlier e : prepared.replay()) {
      MigrationScript script = script(e);
      TransactionPlan plan = plans.apply(script);
      // a file's content is read and interpreted once per run, so its path stands for it and its plan here
      // (printing the plan, a record, would cost a cold start more than the rest of the key)
      key.append(e.path()).append('\0').append(e.pending()).append('\n');
      migrations.add(new ReplayedMigration(script.source(), plan, e.pending()));
    }
    SchemaModel model = models.get(key.toString());
    if (model == null) {
      model = linter.replay(migrations);
      models.put(key.toString(), model);
    }
    return replayed(model);
  }

  /** The model, or the problems of the earlier statements that did not parse and no model. */
  private static Replayed replayed(SchemaModel model) {
    if (model.problems().isEmpty()) return new Replayed(model, List.of());
    List<Problem> problems = new ArrayList<>();
    for (ReplayProblem p : model.problems()) {
      problems.add(new Problem(display(Path.of(p.path())), new Position(p.line(), p.column()),
          Text.of("an earlier migration does not parse: %s", p.message())));
    }
    return new Replayed(SchemaModel.empty(), problems);
  }

  /**
   * Each problem once, in the order first met, with the note that the files it names were judged
   * without their history.
   */
  static List<InputProblem> report(Map<Problem, List<String>> filesByProblem) {
    List<InputProblem> out = new ArrayList<>();
    filesByProblem.forEach((p, files) -> {
      out.add(new InputProblem(shown(p.path(), files.get(0)), p.at(),
          Text.of("%s; verdicts for %s fall back to the file alone", p.message(), names(files))));
    });
    return out;
  }

  /** The first three names, and how many more: "a.sql, b.sql, c.sql and 2 more". */
  static Text names(List<String> files) {
    String first = String.join(", ", files.subList(0, Math.min(3, files.size())));
    return files.size() > 3 ? Text.of("%s and %d more", first, files.size() - 3) : Text.of("%s", first);
  }

  /** Where a problem is, kept absolute until it is reported: a problem is shared by files named either way. */
  static String display(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /**
   * A problem's path in the form the user named the file it concerns: absolute after an absolute
   * name, else relative to the working directory when it is inside it; so the report's lines agree.
   */
  private static String shown(String absolute, String judged) {
    if (Path.of(judged).isAbsolute()) return absolute;
    Path p = Path.of(absolute);
    Path here = Path.of("").toAbsolutePath();
    return p.startsWith(here) && !p.equals(here) ? here.relativize(p).toString() : absolute;
  }

  /** The earlier file's words, read when a choice first needs them (a cache hit never does). */
  private RelevantMigrations.Text text(Earlier e) {
    return texts.computeIfAbsent(e.path(), p -> RelevantMigrations.Text.of(e.source().text()));
  }

  /** The earlier file as its tool runs it (down sections and markers masked). */
  private MigrationScript script(Earlier e) {
    return interpreted.computeIfAbsent(e.path(), p -> scripts.apply(e.source()));
  }

  /**
   * Words without which a file names no source and gives no object a name later files may use
   * alone (see {@link ObjectNames#lineage}): no need to parse it.
   */
  private static final Set<String> LINEAGE_WORDS = Set.of("rename", "like", "inherits", "partition", "index");

  private ObjectNames.Lineage lineageOf(Earlier e, RelevantMigrations.Text text, SqlParser parser) {
    if (LINEAGE_WORDS.stream().noneMatch(text.words()::contains)) return ObjectNames.Lineage.NONE;
    ObjectNames.Lineage lineage = lineages.get(e.path());
    if (lineage != null) return lineage;
    ParsedFile parsed = parser.parse(script(e).source());
    // names from a parse cut short could leave out a file that matters
    if (parsed.errors().stream().anyMatch(SyntaxError::stoppedParsing)) throw new Unparsed(e.path().toString());
    lineage = ObjectNames.lineage(parsed.statements());
    lineages.put(e.path(), lineage);
    return lineage;
  }

  /** Parsing an earlier migration stopped: which files matter is not known. */
  private static final class Unparsed extends RuntimeException {
    Unparsed(String path) {
      super(path, null, false, false);
    }
  }

  /** An earlier file, read as the linted files are: bounded by max-file-size, regular files only (a pipe would block). */
  Loaded read(Path p) {
    try {
      return new Loaded(SourceFile.decode(p.toString(), BoundedRead.file(p, limits.maxFileBytes())), null);
    } catch (BoundedRead.TooLarge e) {
      return new Loaded(null, Text.of("earlier migration %s", e.knownSize() >= 0 ? limits.tooBig(e.knownSize()) : limits.tooBigStream()));
    } catch (BoundedRead.NotRegularFile e) {
      return new Loaded(null, Text.of("earlier migration %s", e.problem()));
    } catch (IOException e) {
      return new Loaded(null, Text.of("earlier migration: %s", SqlFiles.describe(e)));
    } catch (InputException e) {
      return new Loaded(null, Text.of("earlier migration %s", e.problemWithPlace()));
    }
  }
}
