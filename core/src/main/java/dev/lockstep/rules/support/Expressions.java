package dev.lockstep.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.parse.ast.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What rules need to know about expressions in the parse tree. */
public final class Expressions {
  /**
   * Built-in functions that are VOLATILE: as a column default they are evaluated once per row, so
   * ADD COLUMN must rewrite the table. User functions are not listed (their volatility is unknown).
   */
  public static final Set<String> VOLATILE_FUNCTIONS = Set.of("clock_timestamp", "random", "random_normal",
      "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
      "nextval", "timeofday", "setseed", "txid_current", "pg_current_xact_id");

  private Expressions() {}

  /** Names (last part) of every function called anywhere in {@code expr}, in order. */
  public static List<String> functionCalls(JsonNode expr) {
    List<String> out = new ArrayList<>();
    Trees.walk(expr, node -> {
      JsonNode parts = node.path("FuncCall").path("funcname");
      if (parts.size() > 0) out.add(parts.get(parts.size() - 1).path("String").path("sval").asText());
      return true;
    });
    return out;
  }

  /** The first volatile built-in called in {@code expr}, or null. */
  public static String firstVolatileCall(JsonNode expr) {
    for (String f : functionCalls(expr)) if (VOLATILE_FUNCTIONS.contains(f)) return f;
    return null;
  }
}
