package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A column definition in CREATE TABLE or ALTER TABLE ADD COLUMN / ALTER COLUMN TYPE. */
public final class ColumnDef extends Node {
  ColumnDef(JsonNode fields) {
    super("ColumnDef", fields);
  }

  public String name() {
    return text("colname");
  }

  public TypeName type() {
    return typed("typeName", TypeName::new);
  }

  public List<Constraint> constraints() {
    List<Constraint> out = new ArrayList<>();
    for (Node n : children("constraints")) if (n instanceof Constraint c) out.add(c);
    return out;
  }

  /** The USING expression of ALTER COLUMN TYPE (stored as the raw default). */
  public Optional<Node> using() {
    return child("raw_default");
  }
}
