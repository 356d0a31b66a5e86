package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table ...}. */
public final class CreateIndex extends Node {
  CreateIndex(JsonNode fields) {
    super("IndexStmt", fields);
  }

  public String name() {
    return text("idxname");
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  public boolean concurrently() {
    return flag("concurrent");
  }

  public boolean unique() {
    return flag("unique");
  }

  public boolean ifNotExists() {
    return flag("if_not_exists");
  }

  /**
   * The name PostgreSQL gives an unnamed index (ChooseIndexName): table, then the column names
   * or the function name of expression columns, then "idx", shortened like makeObjectName does
   * to fit 63 bytes. PostgreSQL appends a number when that name is taken.
   */
  public String defaultName() {
    StringBuilder columns = new StringBuilder();
    JsonNode params = fields.get("indexParams");
    if (params != null) {
      for (JsonNode p : params) {
        JsonNode elem = p.path("IndexElem");
        String col = elem.has("name") ? elem.get("name").asText()
            : elem.path("expr").has("FuncCall") ? last(strings(elem.path("expr").path("FuncCall").path("funcname")))
            : "expr";
        if (columns.length() > 0) columns.append('_');
        columns.append(col);
      }
    }
    String table = table().name();
    String cols = columns.toString();
    int available = 63 - "_idx".length() - 1;
    int tableChars = table.length();
    int colChars = cols.length();
    while (tableChars + colChars > available) { // trim the longer part first, as PostgreSQL does
      if (tableChars > colChars) tableChars--;
      else colChars--;
    }
    return table.substring(0, tableChars) + "_" + cols.substring(0, colChars) + "_idx";
  }

  private static String last(java.util.List<String> parts) {
    return parts.isEmpty() ? "expr" : parts.get(parts.size() - 1);
  }

  /** The indexed columns by name; null for an expression. */
  public java.util.List<String> columns() {
    java.util.List<String> out = new java.util.ArrayList<>();
    JsonNode params = fields.get("indexParams");
    if (params != null) for (JsonNode p : params) out.add(p.path("IndexElem").path("name").asText(null));
    return out;
  }

  public String accessMethod() {
    return text("accessMethod");
  }
}
