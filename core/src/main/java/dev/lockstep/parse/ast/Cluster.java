package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code CLUSTER [table [USING index]]}. */
public final class Cluster extends Node {
  Cluster(JsonNode fields) {
    super("ClusterStmt", fields);
  }

  /** Null for a bare CLUSTER (every previously clustered table). */
  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  /** The index of {@code CLUSTER t USING index}, or null. */
  public String indexName() {
    return text("indexname");
  }
}
