package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code UPDATE table SET ... [FROM ...] [WHERE ...]}. */
public final class Update extends Node {
  Update(JsonNode fields) {
    super("UpdateStmt", fields);
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  public boolean hasWhere() {
    return fields.has("whereClause");
  }
}
