package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A type reference: name parts (e.g. pg_catalog.int4), modifiers (varchar(10)), array bounds. */
public final class TypeName extends Node {
  private static final java.util.Map<String, String> SQL_NAMES = java.util.Map.of("int2", "smallint", "int4", "integer",
      "int8", "bigint", "float4", "real", "float8", "double precision", "bool", "boolean", "bpchar", "char",
      "timestamptz", "timestamptz", "interval", "interval");

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

  /** The type as SQL: its name, modifiers and array brackets, e.g. "varchar(20)" or "integer[]". */
  public String sql() {
    List<Integer> mods = modifiers();
    List<String> parts = nameParts();
    // The grammar turns "bigint" into pg_catalog.int8 and so on: print the SQL spelling back.
    String name = parts.size() == 2 && parts.get(0).equals("pg_catalog") ? SQL_NAMES.getOrDefault(name(), name())
        : Identifiers.quote(name());
    StringBuilder sb = new StringBuilder(name);
    if (!mods.isEmpty()) {
      sb.append('(');
      for (int i = 0; i < mods.size(); i++) sb.append(i > 0 ? ", " : "").append(mods.get(i));
      sb.append(')');
    }
    if (isArray()) sb.append("[]");
    return sb.toString();
  }

  public boolean isArray() {
    return fields.has("arrayBounds");
  }
}
