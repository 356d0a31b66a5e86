package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code ALTER TABLE|INDEX|VIEW|... [IF EXISTS] [ONLY] name subcommand, ...}. */
public final class AlterTable extends Node {
  AlterTable(JsonNode fields) {
    super("AlterTableStmt", fields);
  }

  public RangeVar table() {
    return typed("relation", RangeVar::fromFields);
  }

  /** OBJECT_TABLE, OBJECT_INDEX, OBJECT_MATVIEW, ... */
  public ObjectType objectType() {
    return ObjectType.of(text("objtype"));
  }

  public boolean ifExists() {
    return flag("missing_ok");
  }

  public List<AlterTableCmd> commands() {
    List<AlterTableCmd> out = new ArrayList<>();
    for (Node n : children("cmds")) out.add((AlterTableCmd) n);
    return out;
  }
}
