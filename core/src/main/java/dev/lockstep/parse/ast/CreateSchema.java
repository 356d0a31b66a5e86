package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE SCHEMA [IF NOT EXISTS] name}. */
public final class CreateSchema extends Node {
  CreateSchema(JsonNode fields) {
    super("CreateSchemaStmt", fields);
  }

  public String name() {
    return text("schemaname");
  }
}
