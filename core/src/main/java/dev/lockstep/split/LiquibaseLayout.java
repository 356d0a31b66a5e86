package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import dev.lockstep.fix.TextEdit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL: a new changeset right after the one each statement came from, in the
 * same file, with {@code runInTransaction:false} when it must run outside a transaction.
 */
final class LiquibaseLayout implements MigrationLayout {
  private final Catalog catalog;

  LiquibaseLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  private static final Pattern CHANGESET = Pattern.compile("(?mi)^[ \\t]*--[ \\t]*changeset[ \\t]+([^:\\s]+):(\\S+).*$");

  @Override
  public boolean oneStatementOutsideTransaction() {
    return false;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    List<int[]> changesets = new ArrayList<>(); // start, header end
    List<String[]> ids = new ArrayList<>(); // author, id
    Set<String> taken = new HashSet<>();
    Matcher m = CHANGESET.matcher(text);
    while (m.find()) {
      changesets.add(new int[] {m.start(), m.end()});
      ids.add(new String[] {m.group(1), m.group(2)});
      taken.add(m.group(1) + ":" + m.group(2));
    }
    if (changesets.isEmpty()) throw new SplitRefused("it has no --changeset line");
    List<TextEdit> edits = new ArrayList<>();
    for (List<Relocation> group : groups) {
      // A group can span changesets: each part goes right after its own changeset.
      List<Relocation> part = new ArrayList<>();
      int current = -1;
      for (Relocation r : group) {
        int owner = owner(changesets, r.anchor());
        if (owner < 0) throw new SplitRefused("a statement to move is above the first --changeset line");
        if (owner != current && !part.isEmpty()) {
          edits.add(changeset(text, changesets, ids.get(current), current, part, taken));
          part = new ArrayList<>();
        }
        current = owner;
        part.add(r);
      }
      edits.add(changeset(text, changesets, ids.get(current), current, part, taken));
      for (Relocation r : group) edits.addAll(r.edits());
    }
    return new SplitPlan(TextEdit.applyAll(text, edits), List.of(), List.of());
  }

  private static int owner(List<int[]> changesets, int offset) {
    int owner = -1;
    for (int i = 0; i < changesets.size(); i++) if (changesets.get(i)[0] <= offset) owner = i;
    return owner;
  }

  /** The new changeset, inserted where the next one starts (or at the end of the file). */
  private TextEdit changeset(String text, List<int[]> changesets, String[] id, int index, List<Relocation> part,
                                    Set<String> taken) {
    int at = index + 1 < changesets.size() ? changesets.get(index + 1)[0] : text.length();
    String newId = id[1] + "-" + Splitter.slug(part);
    for (int n = 2; taken.contains(id[0] + ":" + newId); n++) newId = id[1] + "-" + Splitter.slug(part) + "-" + n;
    taken.add(id[0] + ":" + newId);
    StringBuilder sb = new StringBuilder();
    if (at == text.length() && !text.endsWith("\n")) sb.append('\n');
    if (!text.substring(0, at).endsWith("\n\n")) sb.append('\n');
    sb.append("--changeset ").append(id[0]).append(':').append(newId)
        .append(part.get(0).outsideTransaction() ? " runInTransaction:false" : "").append('\n');
    sb.append("--comment: ").append(Headers.why("changeset " + id[0] + ":" + id[1], part, catalog)).append('\n');
    sb.append(Splitter.sql(part));
    String undo = Splitter.undo(part);
    if (undo != null) for (String line : undo.strip().split("\n")) sb.append("--rollback ").append(line).append('\n');
    if (at < text.length()) sb.append('\n');
    return TextEdit.insert(at, sb.toString());
  }
}
