package dev.lockstep.parse.ast;

import java.util.HashMap;
import java.util.Map;

/** The kind of an ALTER TABLE subcommand (PostgreSQL's AlterTableType); OTHER for those lockstep does not tell apart. */
public enum AlterTableType {
  ADD_COLUMN("AT_AddColumn"), ADD_CONSTRAINT("AT_AddConstraint"), ADD_IDENTITY("AT_AddIdentity"), ALTER_COLUMN_TYPE("AT_AlterColumnType"),
  ATTACH_PARTITION("AT_AttachPartition"), CLUSTER_ON("AT_ClusterOn"), COLUMN_DEFAULT("AT_ColumnDefault"),
  DETACH_PARTITION("AT_DetachPartition"), DISABLE_TRIGGER("AT_DisableTrig"), DISABLE_TRIGGER_ALL("AT_DisableTrigAll"),
  DISABLE_TRIGGER_USER("AT_DisableTrigUser"), DROP_CLUSTER("AT_DropCluster"), DROP_COLUMN("AT_DropColumn"),
  DROP_CONSTRAINT("AT_DropConstraint"), DROP_NOT_NULL("AT_DropNotNull"), ENABLE_ALWAYS_TRIGGER("AT_EnableAlwaysTrig"),
  ENABLE_REPLICA_TRIGGER("AT_EnableReplicaTrig"), ENABLE_TRIGGER("AT_EnableTrig"), ENABLE_TRIGGER_ALL("AT_EnableTrigAll"),
  ENABLE_TRIGGER_USER("AT_EnableTrigUser"), REPLICA_IDENTITY("AT_ReplicaIdentity"), RESET_OPTIONS("AT_ResetOptions"), RESET_REL_OPTIONS("AT_ResetRelOptions"),
  SET_ACCESS_METHOD("AT_SetAccessMethod"), SET_COMPRESSION("AT_SetCompression"), SET_EXPRESSION("AT_SetExpression"), SET_LOGGED("AT_SetLogged"), SET_NOT_NULL("AT_SetNotNull"),
  SET_OPTIONS("AT_SetOptions"), SET_REL_OPTIONS("AT_SetRelOptions"), SET_STATISTICS("AT_SetStatistics"),
  SET_TABLESPACE("AT_SetTableSpace"), SET_UNLOGGED("AT_SetUnLogged"), VALIDATE_CONSTRAINT("AT_ValidateConstraint"),
  OTHER(null);

  private static final Map<String, AlterTableType> BY_NAME = new HashMap<>();

  static {
    for (AlterTableType t : values()) if (t.parserName != null) BY_NAME.put(t.parserName, t);
  }

  private final String parserName;

  AlterTableType(String parserName) {
    this.parserName = parserName;
  }

  static AlterTableType of(String parserName) {
    return parserName == null ? OTHER : BY_NAME.getOrDefault(parserName, OTHER);
  }
}
