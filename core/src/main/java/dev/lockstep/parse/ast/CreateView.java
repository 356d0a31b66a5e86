package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CREATE [OR REPLACE] VIEW name AS ...}. */
public final class CreateView extends Node {
  CreateView(JsonNode fields) {
    super("ViewStmt", fields);
  }

  public RangeVar view() {
    return typed("view", RangeVar::fromFields);
  }

  /**
   * For {@code AS SELECT * FROM t} (one table, no other clause): t, a view that stands in for the
   * table with all its columns; otherwise null.
   */
  public RangeVar selectsAllFrom() {
    JsonNode select = fields.path("query").path("SelectStmt");
    JsonNode targets = select.path("targetList");
    JsonNode from = select.path("fromClause");
    if (targets.size() != 1 || from.size() != 1 || !from.get(0).has("RangeVar")) return null;
    JsonNode star = targets.get(0).path("ResTarget").path("val").path("ColumnRef").path("fields");
    if (star.size() != 1 || !star.get(0).has("A_Star")) return null;
    for (String clause : new String[] {"whereClause", "groupClause", "havingClause", "distinctClause", "limitCount",
        "sortClause", "withClause"}) {
      if (select.has(clause)) return null;
    }
    return RangeVar.fromFields(from.get(0).get("RangeVar"));
  }

  public boolean orReplace() {
    return flag("replace");
  }
}
