package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code ALTER ... RENAME [COLUMN|CONSTRAINT] a TO b} and {@code ALTER TABLE a RENAME TO b}. */
public final class Rename extends Node {
  Rename(JsonNode fields) {
    super("RenameStmt", fields);
  }

  /** What is renamed: OBJECT_TABLE, OBJECT_COLUMN, OBJECT_INDEX, OBJECT_TABCONSTRAINT, ... */
  public ObjectType objectType() {
    return ObjectType.of(text("renameType"));
  }

  /** For a column or constraint rename: the kind of relation it belongs to (TABLE, VIEW, ...). */
  public ObjectType relationType() {
    return ObjectType.of(text("relationType"));
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  /** The old column or constraint name (null when a relation itself is renamed). */
  public String oldName() {
    return text("subname");
  }

  public String newName() {
    return text("newname");
  }

  /**
   * The name parts of a renamed object that is not a relation: a schema's name, or a function's,
   * procedure's or routine's (possibly schema-qualified) name.
   */
  public java.util.List<String> objectName() {
    if (objectType() == ObjectType.SCHEMA) return java.util.List.of(oldName());
    JsonNode object = fields.path("object").path("ObjectWithArgs").path("objname");
    return strings(object.isMissingNode() ? null : object);
  }
}
