package dev.lockstep.rules.support;

import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.RangeVar;
import java.util.Set;

/** The names PostgreSQL gives unnamed constraints, so rewrites can refer to them. */
public final class ConstraintNames {
  private ConstraintNames() {}

  /** The constraint's own name, or the one PostgreSQL would choose on {@code table}. */
  public static String of(Constraint c, RangeVar table) {
    if (c.name() != null) return c.name();
    String t = table.name();
    return switch (c.type()) {
      case PRIMARY -> Sql.defaultConstraintName(t, null, "pkey");
      case UNIQUE -> Sql.defaultConstraintName(t, String.join("_", c.columns()), "key");
      case FOREIGN -> Sql.defaultConstraintName(t, String.join("_", c.columns()), "fkey");
      case EXCLUSION -> Sql.defaultConstraintName(t, null, "excl");
      case NOTNULL -> Sql.defaultConstraintName(t, String.join("_", c.columns()), "not_null");
      default -> { // CHECK: named after its column when it references exactly one
        Set<String> columns = c.expression().map(Node::columnReferences).orElse(Set.of());
        yield Sql.defaultConstraintName(t, columns.size() == 1 ? columns.iterator().next() : null, "check");
      }
    };
  }
}
