package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE DATABASE} or {@code DROP DATABASE}. */
public final class DatabaseCommand extends Node {
  DatabaseCommand(String kind, JsonNode fields) {
    super(kind, fields);
  }

  public boolean drops() {
    return kind().equals("DropdbStmt");
  }

  public String database() {
    return text("dbname");
  }
}
