package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** Walking a raw parse tree (JSON) depth-first, in document order. */
public final class Trees {
  private Trees() {}

  /** Calls {@code visit} on every object in the tree; where it returns false, its children are skipped. */
  public static void walk(JsonNode node, Predicate<JsonNode> visit) {
    if (node == null) return;
    if (node.isObject()) {
      if (!visit.test(node)) return;
      node.properties().forEach(e -> walk(e.getValue(), visit));
    } else if (node.isArray()) {
      node.forEach(n -> walk(n, visit));
    }
  }
}
