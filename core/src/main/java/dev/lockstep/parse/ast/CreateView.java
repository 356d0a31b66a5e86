package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE [OR REPLACE] VIEW name AS ...}. */
public final class CreateView extends Node {
  CreateView(JsonNode fields) {
    super("ViewStmt", fields);
  }

  public RangeVar view() {
    return typed("view", RangeVar::fromFields);
  }

  public boolean orReplace() {
    return flag("replace");
  }
}
