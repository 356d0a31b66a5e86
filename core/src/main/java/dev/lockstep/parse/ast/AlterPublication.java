package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code ALTER PUBLICATION name ADD | SET | DROP TABLE ...} and {@code ALTER PUBLICATION name SET (option = ...)}. */
public final class AlterPublication extends Node {
  /** What the statement does to the publication. */
  public enum Action { ADD, SET, DROP }

  AlterPublication(JsonNode fields) {
    super("AlterPublicationStmt", fields);
  }

  public String name() {
    return text("pubname");
  }

  public Action action() {
    return switch (String.valueOf(text("action"))) {
      case "AP_SetObjects" -> Action.SET;
      case "AP_DropObjects" -> Action.DROP;
      default -> Action.ADD;
    };
  }

  /** {@code SET (publish = ...)} and other options: changes what the publication sends, not its tables. */
  public boolean setsOptions() {
    return fields.has("options");
  }

  /** The tables named (TABLE a, b); schemas named with TABLES IN SCHEMA are in {@link #schemas()}. */
  public List<RangeVar> tables() {
    List<RangeVar> out = new ArrayList<>();
    JsonNode objects = fields.get("pubobjects");
    if (objects != null) {
      for (JsonNode o : objects) {
        JsonNode relation = o.path("PublicationObjSpec").path("pubtable").path("relation");
        if (!relation.isMissingNode()) out.add(RangeVar.fromFields(relation));
      }
    }
    return out;
  }

  /** The schemas named with TABLES IN SCHEMA. */
  public List<String> schemas() {
    List<String> out = new ArrayList<>();
    JsonNode objects = fields.get("pubobjects");
    if (objects != null) {
      for (JsonNode o : objects) {
        JsonNode spec = o.path("PublicationObjSpec");
        if (spec.path("pubobjtype").asText().startsWith("PUBLICATIONOBJ_TABLES_IN")) out.add(spec.path("name").asText());
      }
    }
    return out;
  }
}
