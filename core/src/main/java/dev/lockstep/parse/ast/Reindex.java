package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name}. */
public final class Reindex extends Node {
  Reindex(JsonNode fields) {
    super("ReindexStmt", fields);
  }

  public ReindexKind objectKind() {
    return ReindexKind.of(text("kind"));
  }

  /** The index or table; null for SCHEMA/DATABASE/SYSTEM. */
  public RangeVar relation() {
    return typed("relation", RangeVar::fromFields);
  }

  /** The schema or database name. */
  public String name() {
    return text("name");
  }

  public boolean concurrently() {
    return optionNames("params").contains("concurrently");
  }
}
