package dev.lockstep.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Trees;
import java.util.LinkedHashSet;
import java.util.Set;

/** The names PostgreSQL gives unnamed constraints, so rewrites can refer to them. */
public final class ConstraintNames {
  private ConstraintNames() {}

  /** The constraint's own name, or the one PostgreSQL would choose on {@code table}. */
  public static String of(Constraint c, RangeVar table) {
    if (c.name() != null) return c.name();
    String t = table.name();
    return switch (c.type()) {
      case "CONSTR_PRIMARY" -> Sql.defaultConstraintName(t, null, "pkey");
      case "CONSTR_UNIQUE" -> Sql.defaultConstraintName(t, String.join("_", c.columns()), "key");
      case "CONSTR_FOREIGN" -> Sql.defaultConstraintName(t, String.join("_", c.columns()), "fkey");
      case "CONSTR_EXCLUSION" -> Sql.defaultConstraintName(t, null, "excl");
      case "CONSTR_NOTNULL" -> Sql.defaultConstraintName(t, String.join("_", c.columns()), "not_null");
      default -> { // CHECK: named after its column when it references exactly one
        Set<String> columns = new LinkedHashSet<>();
        collectColumns(c.fields().path("raw_expr"), columns);
        yield Sql.defaultConstraintName(t, columns.size() == 1 ? columns.iterator().next() : null, "check");
      }
    };
  }

  private static void collectColumns(JsonNode expr, Set<String> out) {
    Trees.walk(expr, node -> {
      JsonNode ref = node.get("ColumnRef");
      if (ref == null) return true;
      JsonNode fields = ref.path("fields");
      JsonNode last = fields.size() == 0 ? null : fields.get(fields.size() - 1);
      if (last != null && last.has("String")) out.add(last.path("String").path("sval").asText());
      return false;
    });
  }
}
