package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A type reference: name parts (e.g. pg_catalog.int4), modifiers (varchar(10)), array bounds. */
public final class TypeName extends Node {
  TypeName(JsonNode fields) {
    super("TypeName", fields);
  }

  public List<String> nameParts() {
    return names("names");
  }

  /** The last name part, e.g. "int4", "varchar", "bigserial". */
  public String name() {
    List<String> parts = nameParts();
    return parts.isEmpty() ? "" : parts.get(parts.size() - 1);
  }

  /** Integer type modifiers, e.g. [10] for varchar(10), [10, 2] for numeric(10,2). */
  public List<Integer> modifiers() {
    List<Integer> out = new ArrayList<>();
    JsonNode mods = fields.get("typmods");
    if (mods != null) {
      for (JsonNode m : mods) {
        JsonNode ival = m.path("A_Const").path("ival");
        out.add(ival.path("ival").asInt(0));
      }
    }
    return out;
  }

  public boolean isArray() {
    return fields.has("arrayBounds");
  }
}
