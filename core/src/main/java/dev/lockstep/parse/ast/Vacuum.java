package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code VACUUM [FULL] ...} and {@code ANALYZE ...}. */
public final class Vacuum extends Node {
  Vacuum(JsonNode fields) {
    super("VacuumStmt", fields);
  }

  /** VACUUM rather than ANALYZE. */
  public boolean vacuum() {
    return flag("is_vacuumcmd");
  }

  public boolean full() {
    return optionNames("options").contains("full");
  }

  public List<RangeVar> tables() {
    List<RangeVar> out = new ArrayList<>();
    JsonNode rels = fields.get("rels");
    if (rels != null) for (JsonNode r : rels) out.add(RangeVar.fromFields(r.path("VacuumRelation").path("relation")));
    return out;
  }
}
