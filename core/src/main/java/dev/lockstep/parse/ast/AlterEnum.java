package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v'} and {@code RENAME VALUE}. */
public final class AlterEnum extends Node {
  AlterEnum(JsonNode fields) {
    super("AlterEnumStmt", fields);
  }

  public List<String> typeName() {
    return names("typeName");
  }

  /** The added value; for RENAME VALUE the new name. */
  public String newValue() {
    return text("newVal");
  }

  /** True for ADD VALUE, false for RENAME VALUE. */
  public boolean addsValue() {
    return !fields.has("oldVal");
  }

  /** For RENAME VALUE: the value's old name; null for ADD VALUE. */
  public String oldValue() {
    return text("oldVal");
  }
}
