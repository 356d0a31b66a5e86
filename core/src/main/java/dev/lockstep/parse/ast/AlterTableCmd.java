package dev.lockstep.parse.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** One subcommand of ALTER TABLE, e.g. AT_AddColumn, AT_SetNotNull, AT_AlterColumnType. */
public final class AlterTableCmd extends Node {
  AlterTableCmd(JsonNode fields) {
    super("AlterTableCmd", fields);
  }

  public AlterTableType subtype() {
    return AlterTableType.of(text("subtype"));
  }

  /** Column or constraint name the command acts on, if any. */
  public String name() {
    return text("name");
  }

  /** The definition: a ColumnDef, Constraint, TypeName, PartitionCmd... */
  public Optional<Node> definition() {
    return child("def");
  }

  public boolean ifExists() {
    return flag("missing_ok");
  }

  public boolean cascade() {
    return "DROP_CASCADE".equals(text("behavior"));
  }

  /** For REPLICA IDENTITY: 'd' default, 'f' full, 'i' using index, 'n' nothing; null otherwise. */
  public String replicaIdentity() {
    JsonNode def = fields.path("def").path("ReplicaIdentityStmt");
    return def.isMissingNode() ? null : def.path("identity_type").asText(null);
  }
}
