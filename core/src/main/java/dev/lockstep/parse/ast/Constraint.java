package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A column or table constraint; also DEFAULT, identity and generated clauses of a column. */
public final class Constraint extends Node {
  Constraint(JsonNode fields) {
    super("Constraint", fields);
  }

  public ConstraintType type() {
    return ConstraintType.of(text("contype"));
  }

  public String name() {
    return text("conname");
  }

  /** True for {@code NOT VALID}. */
  public boolean notValid() {
    return flag("skip_validation");
  }

  /** The referenced table of a foreign key. */
  public RangeVar referencedTable() {
    return typed("pktable", RangeVar::fromFields);
  }

  public List<String> columns() {
    return names(fields.has("fk_attrs") ? "fk_attrs" : "keys");
  }

  /** {@code USING INDEX name} of ADD CONSTRAINT ... PRIMARY KEY/UNIQUE. */
  public String usingIndex() {
    return text("indexname");
  }

  /** A {@code DEFAULT NULL}: fills nothing. */
  public boolean nullDefault() {
    return type() == ConstraintType.DEFAULT && fields.path("raw_expr").path("A_Const").path("isnull").asBoolean(false);
  }

  /** {@code GENERATED ALWAYS AS (...) STORED}: computed for every row when added. */
  public boolean storedGenerated() {
    return type() == ConstraintType.GENERATED && "s".equals(text("generated_kind"));
  }

  /**
   * The column a constraint proves NOT NULL: {@code CHECK (col IS NOT NULL)} or, on 18,
   * {@code NOT NULL col}. Null otherwise.
   */
  public String notNullColumn() {
    if (type() == ConstraintType.NOTNULL) {
      List<String> keys = columns();
      return keys.size() == 1 ? keys.get(0) : null;
    }
    if (type() != ConstraintType.CHECK) return null;
    JsonNode test = fields.path("raw_expr").path("NullTest");
    if (!"IS_NOT_NULL".equals(test.path("nulltesttype").asText())) return null;
    JsonNode parts = test.path("arg").path("ColumnRef").path("fields");
    if (parts.size() != 1) return null;
    return parts.get(0).path("String").path("sval").asText(null);
  }

  /** The CHECK expression or DEFAULT / GENERATED expression. */
  public Optional<Node> expression() {
    return child("raw_expr");
  }

  /** An identity's GENERATED ALWAYS (false for BY DEFAULT). */
  public boolean generatedAlways() {
    return "a".equals(text("generated_when"));
  }

  /** An identity's sequence options as given, e.g. ["start", "increment"]. */
  public List<String> sequenceOptions() {
    return optionNames("options");
  }
}
