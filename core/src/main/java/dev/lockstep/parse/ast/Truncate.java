package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code TRUNCATE [TABLE] name, ... [CASCADE]}. */
public final class Truncate extends Node {
  Truncate(JsonNode fields) {
    super("TruncateStmt", fields);
  }

  public List<RangeVar> tables() {
    return relations("relations");
  }

  public boolean cascade() {
    return "DROP_CASCADE".equals(text("behavior"));
  }
}
