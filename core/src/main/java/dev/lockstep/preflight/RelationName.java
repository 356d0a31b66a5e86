package dev.lockstep.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table name as SQL writes it ({@code orders}, {@code app.orders}, {@code "Order Items"}), split
 * into schema (null when not written) and name, folded and unquoted as PostgreSQL does.
 */
public record RelationName(String schema, String name) {

  /** Null when the text is not a plain or schema-qualified name. */
  public static RelationName parse(String sql) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int i = 0;
    String s = sql.strip();
    boolean expectPart = true;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (expectPart && c == '"') {
        int j = i + 1;
        while (true) {
          if (j >= s.length()) return null;
          if (s.charAt(j) == '"') {
            if (j + 1 < s.length() && s.charAt(j + 1) == '"') {
              part.append('"');
              j += 2;
              continue;
            }
            break;
          }
          part.append(s.charAt(j++));
        }
        i = j + 1;
        expectPart = false;
      } else if (expectPart && (Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) j++;
        part.append(s.substring(i, j).toLowerCase(Locale.ROOT));
        i = j;
        expectPart = false;
      } else if (!expectPart && c == '.') {
        parts.add(part.toString());
        part.setLength(0);
        expectPart = true;
        i++;
      } else {
        return null;
      }
    }
    if (expectPart) return null;
    parts.add(part.toString());
    if (parts.size() == 1) return new RelationName(null, parts.get(0));
    if (parts.size() == 2) return new RelationName(parts.get(0), parts.get(1));
    if (parts.size() == 3) return new RelationName(parts.get(1), parts.get(2)); // database.schema.table
    return null;
  }
}
