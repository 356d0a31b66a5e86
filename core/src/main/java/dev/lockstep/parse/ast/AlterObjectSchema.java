package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code ALTER TABLE | VIEW | FUNCTION | TYPE ... name SET SCHEMA new_schema}. */
public final class AlterObjectSchema extends Node {
  AlterObjectSchema(JsonNode fields) {
    super("AlterObjectSchemaStmt", fields);
  }

  public ObjectType objectType() {
    return ObjectType.of(text("objectType"));
  }

  /** The moved table, view, materialized view or sequence; null for other objects. */
  public RangeVar relation() {
    return typed("relation", RangeVar::fromFields);
  }

  /** The name parts of a moved function, procedure or type. */
  public List<String> objectName() {
    JsonNode object = fields.path("object");
    JsonNode parts = object.has("ObjectWithArgs") ? object.path("ObjectWithArgs").path("objname")
        : object.path("List").path("items");
    return strings(parts.isMissingNode() ? null : parts);
  }

  public String newSchema() {
    return text("newschema");
  }
}
