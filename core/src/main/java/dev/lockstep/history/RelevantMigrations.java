package dev.lockstep.history;

import dev.lockstep.parse.ObjectNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The earlier migrations that can change what is known about the objects a file names, so that a
 * file in a long history replays a few files rather than all (the cost of linting one file must
 * stay close to linting it alone). An object's facts change only through statements that name it
 * (its table, for a column), so an earlier file matters when its text names one of the file's
 * objects, or an object that one of those came from (the old name of a renamed table, the table
 * copied by LIKE or inherited from, the table of an index). Going from the latest earlier file
 * back to the first, a file is kept when its words meet the names collected so far, and the names
 * its objects came from join them. A foreign key's table is a reference, not a change: a file that
 * names a table only after REFERENCES is not kept for it, and that table does not join the names.
 * A later file may name only an object that a kept file named after one of the names (an index on
 * the table, by DROP INDEX or ALTER INDEX; a table by the name it was renamed to): those names join
 * too, and the choice is made again until it finds no new one. Files that can change objects
 * without naming them (DROP ... CASCADE, DROP/ALTER SCHEMA, DROP OWNED) are always kept. Comparing
 * words without case keeps more files than needed, never fewer.
 */
public final class RelevantMigrations {
  private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");
  /**
   * Statements that change objects without naming them: DROP ... CASCADE (dependent views,
   * foreign keys), DROP/ALTER SCHEMA (every object in it), DROP OWNED. ON DELETE CASCADE is a
   * foreign key's action, not one of them; SET search_path only changes how the file's own names
   * resolve, and those names are matched anyway.
   */
  private static final Pattern NAMES_NOTHING = Pattern.compile(
      "(?is)\\bdrop\\b[^;]*?(?<!delete\\s|update\\s)\\bcascade\\b|\\b(drop|alter)\\s+schema\\b|\\bdrop\\s+owned\\b");

  private RelevantMigrations() {}

  /**
   * An earlier file's text as the choice reads it: its words, lower-cased, except those naming a
   * foreign key's table ({@code REFERENCES [schema.]name}, which changes nothing about that table);
   * and whether it can change objects without naming them. Made once per file and run, so that a
   * whole folder is chosen from in time linear in its size.
   */
  public record Text(String text, Set<String> words, boolean changesUnnamed, boolean changesSchema) {
    public static Text of(String text) {
      Set<String> words = new HashSet<>();
      String lower = text.toLowerCase(Locale.ROOT);
      String previous = "";
      String beforePrevious = "";
      // the words of WORD, found by hand: this runs on every earlier file of a long history
      for (int i = 0, n = lower.length(); i < n; ) {
        int c = lower.codePointAt(i);
        if (!wordStart(c)) {
          i += Character.charCount(c);
          continue;
        }
        int start = i;
        i += Character.charCount(c);
        while (i < n && wordPart(c = lower.codePointAt(i))) i += Character.charCount(c);
        String word = lower.substring(start, i);
        if (!previous.equals("references") && !beforePrevious.equals("references")) words.add(word);
        beforePrevious = previous;
        previous = word;
      }
      // the pattern needs one of these words: most files have none, and skip the search
      boolean unnamed = (lower.contains("cascade") || lower.contains("schema") || lower.contains("owned"))
          && NAMES_NOTHING.matcher(text).find();
      boolean definitions = false;
      for (String w : DEFINITION_WORDS) definitions |= words.contains(w);
      return new Text(text, words, unnamed, definitions);
    }

    /** {@code [\p{L}_]}, as WORD starts. */
    private static boolean wordStart(int c) {
      return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' : Character.isLetter(c);
    }

    /** {@code [\p{L}\p{N}_$]}, as WORD goes on. */
    private static boolean wordPart(int c) {
      if (c < 128) return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
      if (Character.isLetter(c)) return true;
      int type = Character.getType(c);
      return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** Whether one of the names is a word of the text, or (a name that is not one word) anywhere in it. */
    boolean mentions(Set<String> names) {
      for (String name : names) {
        if (words.contains(name) || !WORD.matcher(name).matches() && text.toLowerCase(Locale.ROOT).contains(name)) return true;
      }
      return false;
    }
  }

  /**
   * Words without which a file only reads and writes rows (a data file of INSERTs, an UPDATE
   * backfill): it changes no object, and replaying it (possibly megabytes of VALUES) is skipped.
   * SELECT counts (a function it calls may change objects); SET only changes the session.
   */
  private static final Set<String> DEFINITION_WORDS = Set.of("create", "alter", "drop", "rename", "truncate", "comment",
      "do", "execute", "call", "perform", "select", "cluster", "reindex", "refresh", "grant", "revoke", "security",
      "import");

  /**
   * Indices of the earlier files to replay, in order.
   *
   * @param names     the object names of the file being linted (lower case)
   * @param texts     the earlier files, oldest first
   * @param lineageOf where earlier file {@code i}'s objects came from, and the names it gives objects (parsed only
   *                  for the files kept)
   */
  public static List<Integer> select(Set<String> names, List<Text> texts, IntFunction<ObjectNames.Lineage> lineageOf) {
    Set<String> wanted = new HashSet<>(names);
    while (true) {
      List<Integer> kept = new ArrayList<>();
      List<ObjectNames.Lineage> lineages = new ArrayList<>();
      for (int i = texts.size() - 1; i >= 0; i--) {
        Text text = texts.get(i);
        if (!text.changesSchema() || !text.changesUnnamed() && !text.mentions(wanted)) continue;
        kept.add(i);
        ObjectNames.Lineage lineage = lineageOf.apply(i);
        lineages.add(lineage);
        wanted.addAll(lineage.sources());
      }
      // A later file may name only what a kept file named after a wanted object (DROP INDEX of an index on a
      // wanted table, a renamed index's new name): going back, it was passed before that name was known, so
      // the choice is made again with these names until it names nothing new.
      if (!addSuccessors(wanted, lineages)) {
        Collections.reverse(kept);
        return kept;
      }
    }
  }

  /** Adds the successors of wanted names (and theirs) to {@code wanted}; whether any was new. */
  private static boolean addSuccessors(Set<String> wanted, List<ObjectNames.Lineage> lineages) {
    boolean added = false;
    for (boolean more = true; more; ) {
      more = false;
      for (ObjectNames.Lineage lineage : lineages) {
        for (Map.Entry<String, Set<String>> e : lineage.successors().entrySet()) {
          if (wanted.contains(e.getKey()) && wanted.addAll(e.getValue())) more = added = true;
        }
      }
    }
    return added;
  }
}
