package dev.lockstep.engine;

import java.util.List;

/**
 * A column's declared type as the parser names it: the internal name ("varchar", "numeric",
 * "int4", "timestamptz"), its modifiers ([10, 2] for numeric(10,2)) and whether it is an array.
 */
public record ColumnType(String name, List<Integer> modifiers, boolean array) {
  public ColumnType {
    modifiers = List.copyOf(modifiers);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (!modifiers.isEmpty()) {
      sb.append('(');
      for (int i = 0; i < modifiers.size(); i++) sb.append(i > 0 ? "," : "").append(modifiers.get(i));
      sb.append(')');
    }
    return array ? sb.append("[]").toString() : sb.toString();
  }
}
