package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code CREATE TYPE name AS ENUM ('a', 'b')}. */
public final class CreateEnum extends Node {
  CreateEnum(JsonNode fields) {
    super("CreateEnumStmt", fields);
  }

  public List<String> typeName() {
    return names("typeName");
  }

  public List<String> values() {
    return names("vals");
  }
}
