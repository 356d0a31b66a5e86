package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code DELETE FROM table [USING ...] [WHERE ...]}. */
public final class Delete extends Node {
  Delete(JsonNode fields) {
    super("DeleteStmt", fields);
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  public boolean hasWhere() {
    return fields.has("whereClause");
  }
}
