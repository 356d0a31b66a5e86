package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code ALTER SYSTEM SET|RESET ...}. */
public final class AlterSystem extends Node {
  AlterSystem(JsonNode fields) {
    super("AlterSystemStmt", fields);
  }
}
