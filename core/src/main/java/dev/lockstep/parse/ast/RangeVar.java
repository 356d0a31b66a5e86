package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** A table reference: {@code [schema.]name}, with ONLY and persistence. */
public final class RangeVar extends Node {
  RangeVar(JsonNode fields) {
    super("RangeVar", fields);
  }

  /** From a bare field object (RangeVar fields are inlined where a relation is expected). */
  public static RangeVar fromFields(JsonNode fields) {
    return new RangeVar(fields);
  }

  /** A reference built from names (DROP TABLE lists names, not RangeVars). */
  public static RangeVar of(String schema, String name) {
    var fields = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (schema != null) fields.put("schemaname", schema);
    fields.put("relname", name).put("inh", true);
    return new RangeVar(fields);
  }

  public String schema() {
    return text("schemaname");
  }

  public String name() {
    return text("relname");
  }

  /** The alias the statement gives the table ({@code UPDATE orders o}), or null. */
  public String alias() {
    JsonNode alias = fields.get("alias");
    return alias == null || !alias.has("aliasname") ? null : alias.get("aliasname").asText();
  }

  /** False for {@code ONLY t}. */
  public boolean inherit() {
    return flag("inh");
  }

  /** The name as the user would write it, quoted where PostgreSQL needs quotes. */
  public String qualifiedName() {
    return schema() == null ? Identifiers.quote(name()) : Identifiers.quote(schema()) + "." + Identifiers.quote(name());
  }

  /** Identity of the table as written ("schema.name" or "name"), to match earlier statements. */
  public String key() {
    return schema() == null ? name() : schema() + "." + name();
  }
}
