package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE TABLE ... AS} / {@code SELECT ... INTO} and {@code CREATE MATERIALIZED VIEW}. */
public final class CreateTableAs extends Node {
  CreateTableAs(JsonNode fields) {
    super("CreateTableAsStmt", fields);
  }

  /** The relation created. */
  public RangeVar table() {
    JsonNode rel = fields.path("into").path("rel");
    return rel.isObject() ? RangeVar.fromFields(rel) : null;
  }

  public boolean materializedView() {
    return ObjectType.of(text("objtype")) == ObjectType.MATVIEW;
  }
}
