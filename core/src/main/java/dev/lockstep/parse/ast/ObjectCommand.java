package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GRANT}/{@code REVOKE}, {@code COMMENT ON} and {@code ALTER ... OWNER TO}: a command on an object of some type. */
public final class ObjectCommand extends Node {
  private final String typeField;

  ObjectCommand(String kind, String typeField, JsonNode fields) {
    super(kind, fields);
    this.typeField = typeField;
  }

  /** The type of the object the command acts on. */
  public ObjectType objectType() {
    return ObjectType.of(text(typeField));
  }
}
