package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code CREATE TABLE}, including {@code PARTITION OF} and {@code INHERITS}. */
public final class CreateTable extends Node {
  CreateTable(JsonNode fields) {
    super("CreateStmt", fields);
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  public boolean ifNotExists() {
    return flag("if_not_exists");
  }

  public List<ColumnDef> columns() {
    List<ColumnDef> out = new ArrayList<>();
    for (Node n : children("tableElts")) if (n instanceof ColumnDef c) out.add(c);
    return out;
  }

  /** Table-level constraints ({@code CONSTRAINT x UNIQUE (...)}). */
  public List<Constraint> constraints() {
    List<Constraint> out = new ArrayList<>();
    for (Node n : children("tableElts")) if (n instanceof Constraint c) out.add(c);
    return out;
  }

  /** The parent tables of {@code PARTITION OF} or {@code INHERITS}. */
  public List<RangeVar> parents() {
    List<RangeVar> out = new ArrayList<>();
    for (Node n : children("inhRelations")) if (n instanceof RangeVar r) out.add(r);
    return out;
  }

  /** {@code PARTITION BY ...}: a partitioned table. */
  public boolean partitioned() {
    return fields.has("partspec");
  }

  public boolean partitionOf() {
    return fields.has("partbound");
  }
}
