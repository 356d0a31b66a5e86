package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code SET [LOCAL] name = value}, {@code RESET name}, {@code SET name TO DEFAULT}. */
public final class SetVariable extends Node {
  SetVariable(JsonNode fields) {
    super("VariableSetStmt", fields);
  }

  /** VAR_SET_VALUE, VAR_SET_DEFAULT, VAR_RESET, VAR_RESET_ALL, ... */
  public SetKind setKind() {
    return SetKind.of(text("kind"));
  }

  public String name() {
    return text("name");
  }

  public boolean local() {
    return flag("is_local");
  }

  /** Location of the (first) value. */
  public java.util.OptionalInt valueLocation() {
    JsonNode args = fields.get("args");
    if (args == null || args.isEmpty()) return java.util.OptionalInt.empty();
    return Node.of(args.get(0)).location();
  }

  /** Every value as text, in order ({@code SET search_path TO app, public} -> ["app", "public"]); constants only. */
  public java.util.List<String> values() {
    java.util.List<String> out = new java.util.ArrayList<>();
    JsonNode args = fields.get("args");
    if (args == null) return out;
    for (JsonNode a : args) {
      JsonNode c = a.path("A_Const");
      if (c.has("sval")) out.add(c.path("sval").path("sval").asText(""));
    }
    return out;
  }

  /** The single value as text ('2s' -> "2s", 5000 -> "5000"), or null. */
  public String value() {
    JsonNode args = fields.get("args");
    if (args == null || args.size() != 1) return null;
    JsonNode c = args.get(0).path("A_Const");
    if (c.has("sval")) return c.path("sval").path("sval").asText("");
    if (c.has("ival")) return Integer.toString(c.path("ival").path("ival").asInt(0));
    if (c.has("fval")) return c.path("fval").path("fval").asText();
    return null;
  }
}
