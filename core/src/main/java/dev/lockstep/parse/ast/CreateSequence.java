package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name ...}. */
public final class CreateSequence extends Node {
  CreateSequence(JsonNode fields) {
    super("CreateSeqStmt", fields);
  }

  public RangeVar sequence() {
    return typed("sequence", RangeVar::fromFields);
  }
}
