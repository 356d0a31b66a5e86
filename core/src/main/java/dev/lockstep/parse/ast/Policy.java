package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE POLICY} or {@code ALTER POLICY} on a table. */
public final class Policy extends Node {
  Policy(String kind, JsonNode fields) {
    super(kind, fields);
  }

  public RangeVar table() {
    return typed("table", RangeVar::fromFields);
  }
}
