package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]}. */
public final class RefreshMaterializedView extends Node {
  RefreshMaterializedView(JsonNode fields) {
    super("RefreshMatViewStmt", fields);
  }

  public RangeVar view() {
    return typed("relation", RangeVar::fromFields);
  }

  public boolean concurrently() {
    return flag("concurrent");
  }

  /** WITH NO DATA (cannot be combined with CONCURRENTLY). */
  public boolean withNoData() {
    return flag("skipData");
  }
}
