package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** The partition of {@code ATTACH PARTITION} / {@code DETACH PARTITION [CONCURRENTLY|FINALIZE]}. */
public final class PartitionCmd extends Node {
  PartitionCmd(JsonNode fields) {
    super("PartitionCmd", fields);
  }

  public RangeVar partition() {
    return typed("name", RangeVar::fromFields);
  }

  public boolean concurrently() {
    return flag("concurrent");
  }

  /** The bound of ATTACH; absent for DETACH. A DEFAULT partition has {@code is_default}. */
  public boolean isDefault() {
    return fields.path("bound").path("is_default").asBoolean(false);
  }
}
