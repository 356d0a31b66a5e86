package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.source.BoundedRead;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.fix.Relocation;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.MigrationScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the findings whose rewrite needs a migration of its own ({@link Relocation}) into new
 * migrations in the form of the file's tool, placed right after it.
 */
public final class Splitter {
  private Splitter() {}

  /** The plan for one linted migration; {@code result} is the lint of {@code script}. */
  public static SplitPlan plan(Path file, MigrationScript script, FileResult result) throws SplitRefused {
    return plan(file, script, result, Catalog.ENGLISH);
  }

  /** The same, with the new migrations' comments in {@code catalog}'s language. */
  public static SplitPlan plan(Path file, MigrationScript script, FileResult result, Catalog catalog) throws SplitRefused {
    String text = script.source().text();
    List<Text> notes = new ArrayList<>();
    List<Relocation> moves = accepted(script, result.findings(), notes);
    if (moves.isEmpty()) return new SplitPlan(text, List.of(), notes);
    MigrationLayout layout = Layouts.of(script.framework(), catalog);
    if (layout == null) {
      throw new SplitRefused(Text.of("lockstep cannot write new %s migrations; move the statements by hand as 'lockstep lint' "
          + "shows", script.framework().id()));
    }
    List<List<Relocation>> groups = new ArrayList<>();
    for (Relocation move : moves) {
      List<Relocation> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      boolean fits = last != null && last.get(0).outsideTransaction() == move.outsideTransaction()
          && !(move.outsideTransaction() && layout.oneStatementOutsideTransaction());
      if (fits) last.add(move);
      else groups.add(new ArrayList<>(List.of(move)));
    }
    boolean downSection = script.framework() == Framework.GOOSE || script.framework() == Framework.DBMATE
        || script.framework() == Framework.NODE_PG_MIGRATE;
    for (Relocation r : moves) {
      if (downSection && r.object() != null
          && mentionedLater(text, script.plan().regionEnd(r.anchor()), text.length(), r.object())) {
        notes.add(Text.of("%s: its down section still mentions %s, which the new migration handles now: review it",
            script.source().path(), r.object()));
      }
    }
    SplitPlan placed = layout.place(file, text, apply(text, moves), groups);
    List<Text> all = new ArrayList<>(notes);
    all.addAll(placed.notes());
    List<SplitPlan.NewFile> files = new ArrayList<>();
    for (SplitPlan.NewFile f : placed.files()) files.add(f.replaces() == null ? asWrittenBefore(f) : f);
    return new SplitPlan(placed.originalText(), files, all, moves);
  }

  /**
   * A new file as a stopped run wrote it, when that run's comments were in another language: kept as it
   * is, so that the rerun reuses it instead of refusing to overwrite it.
   */
  private static SplitPlan.NewFile asWrittenBefore(SplitPlan.NewFile f) {
    if (!Files.isRegularFile(f.path(), LinkOption.NOFOLLOW_LINKS)) return f;
    try {
      String existing = new String(BoundedRead.file(f.path(), 4L * f.text().length() + 16), StandardCharsets.UTF_8)
          .replace("\r\n", "\n");
      return !existing.equals(f.text()) && Headers.sameSplit(existing, f.text())
          ? new SplitPlan.NewFile(f.path(), existing, null) : f;
    } catch (IOException e) {
      return f; // the writer refuses it with the reason
    }
  }

  /**
   * The moves in file order, without overlaps, and without those a later statement that stays
   * depends on (a statement that moves too runs after it anyway). Dropping a move can make another
   * one's dependant stay, so this repeats until nothing changes.
   */
  private static List<Relocation> accepted(MigrationScript script, List<Finding> findings, List<Text> notes) {
    String text = script.source().text();
    TransactionPlan plan = script.plan();
    List<Finding> movable = new ArrayList<>();
    for (Finding f : findings) if (f.relocation() != null) movable.add(f);
    // of two moves of one statement, the one that also rewrites it (REINDEX ... CONCURRENTLY) wins over moving it as written
    movable.sort(Comparator.comparingInt((Finding f) -> f.relocation().anchor())
        .thenComparing(f -> movesAsWritten(text, f.relocation())));
    List<Finding> candidates = new ArrayList<>();
    int reachedEnd = -1;
    for (Finding f : movable) {
      Relocation r = f.relocation();
      if (candidates.stream().anyMatch(c -> c.relocation().equals(r)) || r.anchor() < reachedEnd) continue;
      candidates.add(f);
      reachedEnd = end(r);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Finding f : new ArrayList<>(candidates)) {
        Relocation r = f.relocation();
        if (r.object() == null) continue;
        String staying = withoutLaterMoves(text, candidates, end(r), plan.regionEnd(r.anchor()));
        if (mentionedLater(staying, 0, staying.length(), r.object())) {
          candidates.remove(f);
          notes.add(Text.of("%s:%s: %s not split: a later statement of this migration uses %s, so it must stay before it; "
              + "split by hand", script.source().path(), f.start(), f.ruleId(), r.object()));
          changed = true;
        }
      }
    }
    return candidates.stream().map(Finding::relocation).toList();
  }

  /** Whether the new migration gets the statement as it is written in the original. */
  private static boolean movesAsWritten(String text, Relocation r) {
    TextEdit removal = r.edits().get(0);
    return text.substring(removal.start(), removal.end()).contains(r.sql().strip());
  }

  private static int end(Relocation r) {
    return r.edits().get(r.edits().size() - 1).end();
  }

  /** The text from {@code from} to {@code to} without the statements that move as well. */
  private static String withoutLaterMoves(String text, List<Finding> candidates, int from, int to) {
    StringBuilder sb = new StringBuilder();
    int at = Math.min(from, to);
    for (Finding c : candidates) {
      for (var e : c.relocation().edits()) {
        if (e.start() < at || e.start() >= to || !e.text().isEmpty()) continue; // only removals stay out
        sb.append(text, at, e.start());
        at = e.end();
      }
    }
    if (at < to) sb.append(text, at, to);
    return sb.toString();
  }

  private static boolean mentionedLater(String text, int from, int to, String name) {
    Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![\\w$])");
    return word.matcher(text.substring(Math.min(from, to), to).toLowerCase(Locale.ROOT)).find();
  }

  /** {@code text} with the moves' edits applied. */
  static String apply(String text, List<Relocation> moves) {
    List<TextEdit> edits = new ArrayList<>();
    for (Relocation r : moves) edits.addAll(r.edits());
    return TextEdit.applyAll(text, edits);
  }

  /** The SQL of a group of moves, one statement per paragraph. */
  static String sql(List<Relocation> group) {
    StringBuilder sb = new StringBuilder();
    for (Relocation r : group) {
      if (sb.length() > 0) sb.append('\n');
      sb.append(r.sql().strip()).append('\n');
    }
    return sb.toString();
  }

  /** The undo SQL of a group, last move first, or null when none is known. */
  static String undo(List<Relocation> group) {
    StringBuilder sb = new StringBuilder();
    for (int i = group.size() - 1; i >= 0; i--) {
      if (group.get(i).undo() != null) sb.append(group.get(i).undo()).append('\n');
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** The new migration's name: the first move's slug. */
  static String slug(List<Relocation> group) {
    return group.get(0).slug();
  }
}
