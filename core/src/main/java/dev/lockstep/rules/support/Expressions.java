package dev.lockstep.rules.support;

import dev.lockstep.parse.ast.Node;
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

  /** The first volatile built-in called in {@code expr}, or null. */
  public static String firstVolatileCall(Node expr) {
    for (String f : expr.functionCalls()) if (VOLATILE_FUNCTIONS.contains(f)) return f;
    return null;
  }
}
