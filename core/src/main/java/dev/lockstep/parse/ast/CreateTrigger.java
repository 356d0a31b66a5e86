package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name ... ON table ...}. */
public final class CreateTrigger extends Node {
  CreateTrigger(JsonNode fields) {
    super("CreateTrigStmt", fields);
  }

  public String name() {
    return text("trigname");
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }
}
