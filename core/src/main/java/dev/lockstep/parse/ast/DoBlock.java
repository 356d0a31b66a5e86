package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code DO [LANGUAGE x] $$ body $$}. */
public final class DoBlock extends Node {
  DoBlock(JsonNode fields) {
    super("DoStmt", fields);
  }

  public String body() {
    return option("as");
  }

  /** The language, "plpgsql" when not given. */
  public String language() {
    String lang = option("language");
    return lang == null ? "plpgsql" : lang;
  }

  private String option(String name) {
    JsonNode args = fields.get("args");
    if (args == null) return null;
    for (JsonNode a : args) {
      JsonNode def = a.path("DefElem");
      if (name.equals(def.path("defname").asText())) return def.path("arg").path("String").path("sval").asText("");
    }
    return null;
  }
}
