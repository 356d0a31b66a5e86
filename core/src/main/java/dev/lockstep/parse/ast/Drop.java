package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code DROP TABLE|INDEX|VIEW|... [CONCURRENTLY] [IF EXISTS] names [CASCADE]}. */
public final class Drop extends Node {
  Drop(JsonNode fields) {
    super("DropStmt", fields);
  }

  /** OBJECT_TABLE, OBJECT_INDEX, ... */
  public ObjectType objectType() {
    return ObjectType.of(text("removeType"));
  }

  public boolean concurrently() {
    return flag("concurrent");
  }

  public boolean ifExists() {
    return flag("missing_ok");
  }

  public boolean cascade() {
    return "DROP_CASCADE".equals(text("behavior"));
  }

  /** Each dropped object's name parts, e.g. [["public","orders"]]. */
  public List<List<String>> objects() {
    List<List<String>> out = new ArrayList<>();
    JsonNode objects = fields.get("objects");
    if (objects != null) {
      for (JsonNode o : objects) {
        JsonNode list = o.path("List").path("items");
        if (!list.isMissingNode()) out.add(strings(list));
        else if (o.has("String")) out.add(List.of(o.path("String").path("sval").asText())); // DROP SCHEMA a, b
        else out.add(List.of());
      }
    }
    return out;
  }
}
