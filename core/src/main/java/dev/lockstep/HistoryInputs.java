package dev.lockstep;

import dev.lockstep.cache.ResultCache;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.history.HistoryProblem;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.RelevantMigrations;
import dev.lockstep.input.InputProblem;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.parse.ObjectNames;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.source.InputException;
import dev.lockstep.source.Position;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The earlier migrations a file is judged after: its history in its tool's order, each file read
 * once per run and interpreted as its tool runs it, reduced to those that can matter to the file
 * (see {@link RelevantMigrations}). A history that cannot be used (an ambiguous order, an earlier
 * file that cannot be read) gives located problems, and the file is judged alone. Shared by the
 * threads of a run.
 */
final class HistoryInputs {
  /** An earlier migration to replay: as its tool runs it, and whether it is pending. */
  record Earlier(MigrationScript script, boolean pending) {}

  /**
   * What a file is judged after: the earlier migrations to replay, or the problems that made it
   * fall back to the file alone; and the history's part of the result cache key.
   */
  record Prepared(List<Earlier> replay, List<Problem> problems, String cacheKey) {
    static final Prepared NONE = new Prepared(List.of(), List.of(), "");
  }

  /**
   * Why a file's history could not be used: at {@code path} (and {@code at}, when known). The run
   * reports each problem once, naming the files that were judged alone because of it.
   */
  record Problem(String path, Position at, String message) {}

  /** An earlier file as read: its script and content hash, or why it could not be read. */
  private record Loaded(MigrationScript script, String hash, String problem) {}

  private final MigrationHistory history;
  private final Function<SourceFile, MigrationScript> scripts;
  private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> namesByHash = new ConcurrentHashMap<>();

  HistoryInputs(MigrationHistory history, Function<SourceFile, MigrationScript> scripts) {
    this.history = history;
    this.scripts = scripts;
  }

  Prepared prepare(MigrationScript script, SqlParser parser) {
    Path path = Path.of(script.source().path());
    MigrationHistory.History h = history.before(path, script.framework());
    if (!h.problems().isEmpty()) {
      List<Problem> problems = new ArrayList<>();
      for (HistoryProblem p : h.problems()) problems.add(new Problem(display(p.path()), new Position(p.line(), p.column()), p.message()));
      return new Prepared(List.of(), problems, "");
    }
    if (h.earlier().isEmpty()) return Prepared.NONE;
    List<Earlier> earlier = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (MigrationHistory.Earlier e : h.earlier()) {
      Path p = e.migration().path();
      Loaded l = loaded.computeIfAbsent(p, this::load);
      if (l.problem() != null) return new Prepared(List.of(), List.of(new Problem(display(p), null, l.problem())), "");
      earlier.add(new Earlier(l.script(), e.pending()));
      texts.add(l.script().source().parseText());
      key.append(p).append('\0').append(l.hash()).append('\0').append(e.pending()).append('\n');
    }
    Set<String> names = ObjectNames.of(parser.parse(script.source()).statements());
    List<Integer> selected = RelevantMigrations.select(names, texts, i -> namesOf(earlier.get(i).script(), parser));
    List<Earlier> replay = new ArrayList<>();
    for (int i : selected) replay.add(earlier.get(i));
    return new Prepared(replay, List.of(), key.toString());
  }

  /**
   * Each problem once, in the order first met, with the note that the files it names were judged
   * without their history.
   */
  static List<InputProblem> report(Map<Problem, List<String>> filesByProblem) {
    List<InputProblem> out = new ArrayList<>();
    filesByProblem.forEach((p, files) -> {
      String names = String.join(", ", files.subList(0, Math.min(3, files.size())))
          + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
      out.add(new InputProblem(p.path(), p.at(), p.message() + "; verdicts for " + names + " fall back to the file alone"));
    });
    return out;
  }

  /** A path as the user sees it: relative to the working directory when it is inside it. */
  static String display(Path p) {
    Path here = Path.of("").toAbsolutePath();
    return p.startsWith(here) && !p.equals(here) ? here.relativize(p).toString() : p.toString();
  }

  private Set<String> namesOf(MigrationScript script, SqlParser parser) {
    String hash = loaded.get(Path.of(script.source().path())).hash();
    return namesByHash.computeIfAbsent(hash, h -> ObjectNames.of(parser.parse(script.source()).statements()));
  }

  private Loaded load(Path p) {
    try {
      SourceFile source = SourceFile.decode(p.toString(), Files.readAllBytes(p));
      return new Loaded(scripts.apply(source), ResultCache.contentHash(source.text()), null);
    } catch (IOException e) {
      return new Loaded(null, null, "earlier migration: " + SqlFiles.describe(e));
    } catch (InputException e) {
      return new Loaded(null, null, "earlier migration " + e.getMessage());
    }
  }
}
