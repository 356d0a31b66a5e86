package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code LOCK [TABLE] name, ... [IN mode MODE] [NOWAIT]}. */
public final class LockTable extends Node {
  private static final String[] MODES = {null, "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
      "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};

  LockTable(JsonNode fields) {
    super("LockStmt", fields);
  }

  public List<RangeVar> tables() {
    return relations("relations");
  }

  /** The lock mode as PostgreSQL writes it; ACCESS EXCLUSIVE when none is given. */
  public String mode() {
    int m = fields.path("mode").asInt(8);
    return m >= 1 && m < MODES.length ? MODES[m] : "ACCESS EXCLUSIVE";
  }

  public boolean nowait() {
    return flag("nowait");
  }
}
