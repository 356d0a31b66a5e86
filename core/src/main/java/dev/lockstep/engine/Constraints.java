package dev.lockstep.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ast.Constraint;
import java.util.List;

/** Recognises constraints whose meaning rules care about. */
public final class Constraints {
  private Constraints() {}

  /**
   * The column a constraint proves NOT NULL: {@code CHECK (col IS NOT NULL)} or, on 18,
   * {@code NOT NULL col}. Null otherwise.
   */
  public static String notNullColumn(Constraint c) {
    if ("CONSTR_NOTNULL".equals(c.type())) {
      List<String> keys = c.columns();
      return keys.size() == 1 ? keys.get(0) : null;
    }
    if (!"CONSTR_CHECK".equals(c.type())) return null;
    JsonNode test = c.fields().path("raw_expr").path("NullTest");
    if (!"IS_NOT_NULL".equals(test.path("nulltesttype").asText())) return null;
    JsonNode fields = test.path("arg").path("ColumnRef").path("fields");
    if (fields.size() != 1) return null;
    return fields.get(0).path("String").path("sval").asText(null);
  }
}
