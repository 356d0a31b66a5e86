package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A column or table constraint; also DEFAULT, identity and generated clauses of a column. */
public final class Constraint extends Node {
  Constraint(JsonNode fields) {
    super("Constraint", fields);
  }

  /** The ConstrType, e.g. CONSTR_CHECK, CONSTR_FOREIGN, CONSTR_NOTNULL, CONSTR_DEFAULT. */
  public String type() {
    return text("contype");
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
    return "CONSTR_DEFAULT".equals(type()) && fields.path("raw_expr").path("A_Const").path("isnull").asBoolean(false);
  }

  /** The CHECK expression or DEFAULT / GENERATED expression. */
  public Optional<Node> expression() {
    return child("raw_expr");
  }
}
