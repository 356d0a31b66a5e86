package dev.lockstep.rules.support;

import dev.lockstep.engine.ColumnType;
import java.util.List;

/**
 * Whether ALTER COLUMN TYPE from a declared type to another keeps the table's file (PostgreSQL
 * relabels the column) or rewrites it. Only the changes PostgreSQL's type support functions
 * recognise count as widening: varchar to a longer varchar or to text, numeric to more precision at
 * the same scale or to unconstrained numeric, varbit to a longer varbit. Checked on a server in
 * TypeChangesOnPostgresTest.
 */
public final class TypeChanges {
  private TypeChanges() {}

  /** What the change does to the declared type. */
  public enum Verdict {
    /** The same type and modifiers: nothing to do. */
    SAME,
    /** Metadata only: no rewrite, no index rebuild. */
    WIDENS,
    /** Lowers a length limit or precision: every row is rewritten (and checked). */
    NARROWS,
    /** Changes numeric's scale: every value is rewritten. */
    CHANGES_SCALE,
    /** Another type: every row is converted. */
    CONVERTS
  }

  public static Verdict judge(ColumnType from, String toName, List<Integer> toMods, boolean toArray) {
    if (from.array() != toArray) return Verdict.CONVERTS;
    List<Integer> fromMods = from.modifiers();
    if (from.name().equals(toName) && fromMods.equals(toMods)) return Verdict.SAME;
    switch (from.name()) {
      case "varchar" -> {
        if (toName.equals("text") && !toArray) return Verdict.WIDENS;
        if (!toName.equals("varchar")) return Verdict.CONVERTS;
        if (toMods.isEmpty()) return Verdict.WIDENS; // no limit
        if (fromMods.isEmpty()) return Verdict.NARROWS;
        return toMods.get(0) >= fromMods.get(0) ? Verdict.WIDENS : Verdict.NARROWS;
      }
      case "text" -> {
        if (!toName.equals("varchar")) return Verdict.CONVERTS;
        return toMods.isEmpty() ? Verdict.WIDENS : Verdict.NARROWS;
      }
      case "varbit" -> {
        if (!toName.equals("varbit")) return Verdict.CONVERTS;
        if (toMods.isEmpty()) return Verdict.WIDENS;
        if (fromMods.isEmpty()) return Verdict.NARROWS;
        return toMods.get(0) >= fromMods.get(0) ? Verdict.WIDENS : Verdict.NARROWS;
      }
      case "numeric" -> {
        if (!toName.equals("numeric")) return Verdict.CONVERTS;
        if (toMods.isEmpty()) return Verdict.WIDENS; // unconstrained numeric holds every value
        if (fromMods.isEmpty()) return Verdict.NARROWS;
        int fromScale = fromMods.size() > 1 ? fromMods.get(1) : 0;
        int toScale = toMods.size() > 1 ? toMods.get(1) : 0;
        if (fromScale != toScale) return Verdict.CHANGES_SCALE;
        return toMods.get(0) >= fromMods.get(0) ? Verdict.WIDENS : Verdict.NARROWS;
      }
      default -> {
        return Verdict.CONVERTS;
      }
    }
  }
}
