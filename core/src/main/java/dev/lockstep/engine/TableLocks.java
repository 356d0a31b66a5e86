package dev.lockstep.engine;

import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.Cluster;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.CreateTrigger;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.LockTable;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.RefreshMaterializedView;
import dev.lockstep.parse.ast.Reindex;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.parse.ast.Truncate;
import dev.lockstep.parse.ast.Vacuum;
import java.util.Optional;
import java.util.Set;

/**
 * The strongest table lock a statement queues for, where it is at least SHARE (it conflicts with
 * writes, so everything behind it in the lock queue waits). Modes follow PostgreSQL's ALTER TABLE
 * documentation and the measured reference.
 */
public final class TableLocks {
  /** A lock on a table; {@code table} is null when only the name is known (DROP INDEX, DROP TRIGGER). */
  public record Locked(RangeVar table, String description, LockMode mode) {}

  // ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE.
  private static final Set<String> SHARE_UPDATE_EXCLUSIVE = Set.of("AT_ValidateConstraint", "AT_SetStatistics",
      "AT_SetOptions", "AT_ResetOptions", "AT_SetRelOptions", "AT_ResetRelOptions", "AT_ClusterOn", "AT_DropCluster",
      "AT_AttachPartition", "AT_SetCompression");
  private static final Set<String> SHARE_ROW_EXCLUSIVE = Set.of("AT_EnableTrig", "AT_EnableAlwaysTrig",
      "AT_EnableReplicaTrig", "AT_EnableTrigAll", "AT_EnableTrigUser", "AT_DisableTrig", "AT_DisableTrigAll",
      "AT_DisableTrigUser");

  private TableLocks() {}

  public static Optional<Locked> strongest(Node node) {
    if (node instanceof AlterTable at && at.table() != null) {
      LockMode mode = null;
      for (AlterTableCmd cmd : at.commands()) {
        LockMode m = alterTableLock(cmd);
        if (mode == null || m.compareTo(mode) > 0) mode = m;
      }
      Optional<Locked> locked = writeBlocking(at.table(), mode);
      // Dropping a foreign key also takes ACCESS EXCLUSIVE on the referenced table (measured: drop-fk).
      if (locked.isPresent() && at.commands().stream().anyMatch(TableLocks::dropsForeignKey)) {
        return Optional.of(new Locked(at.table(), at.table().qualifiedName() + " and on the table its foreign key "
            + "references", mode));
      }
      return locked;
    }
    if (node instanceof CreateIndex ci && !ci.concurrently()) return writeBlocking(ci.table(), LockMode.SHARE);
    if (node instanceof Reindex r && !r.concurrently() && r.relation() != null) {
      return writeBlocking(r.relation(), LockMode.SHARE);
    }
    if (node instanceof Rename r && r.table() != null) return writeBlocking(r.table(), LockMode.ACCESS_EXCLUSIVE);
    if (node instanceof Truncate t && !t.tables().isEmpty()) return writeBlocking(t.tables().get(0), LockMode.ACCESS_EXCLUSIVE);
    if (node instanceof CreateTrigger t) return writeBlocking(t.table(), LockMode.SHARE_ROW_EXCLUSIVE);
    if (node instanceof Cluster c && c.table() != null) return writeBlocking(c.table(), LockMode.ACCESS_EXCLUSIVE);
    if (node instanceof Vacuum v && v.full() && !v.tables().isEmpty()) {
      return writeBlocking(v.tables().get(0), LockMode.ACCESS_EXCLUSIVE);
    }
    if (node instanceof RefreshMaterializedView r) {
      return writeBlocking(r.view(), r.concurrently() ? LockMode.EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
    }
    if (node instanceof LockTable l && !l.tables().isEmpty()) {
      LockMode mode = LockMode.valueOf(l.mode().replace(' ', '_'));
      return writeBlocking(l.tables().get(0), mode);
    }
    if (node instanceof CreateTable ct && ct.partitionOf() && !ct.parents().isEmpty()) {
      return writeBlocking(ct.parents().get(0), LockMode.ACCESS_EXCLUSIVE);
    }
    if (node instanceof Drop d && !d.concurrently()) {
      String type = d.objectType();
      if (Set.of("OBJECT_TABLE", "OBJECT_INDEX", "OBJECT_TRIGGER", "OBJECT_POLICY", "OBJECT_RULE",
          "OBJECT_MATVIEW").contains(type) && !d.objects().isEmpty()) {
        var name = d.objects().get(0);
        String object = String.join(".", name);
        String on = switch (type) {
          case "OBJECT_TABLE", "OBJECT_MATVIEW" -> object;
          case "OBJECT_INDEX" -> "the table of index " + object;
          default -> String.join(".", name.subList(0, Math.max(1, name.size() - 1))); // trigger, policy, rule: on table
        };
        return Optional.of(new Locked(null, on, LockMode.ACCESS_EXCLUSIVE));
      }
    }
    if (node.kind().equals("CreatePolicyStmt") || node.kind().equals("AlterPolicyStmt")) {
      var table = node.fields().path("table");
      if (table.isObject()) return writeBlocking(RangeVar.fromFields(table), LockMode.ACCESS_EXCLUSIVE);
    }
    return Optional.empty();
  }

  /** DROP CONSTRAINT of a constraint named like a foreign key (PostgreSQL's *_fkey, or *_fk / fk_*). */
  private static boolean dropsForeignKey(AlterTableCmd cmd) {
    String name = cmd.name();
    return "AT_DropConstraint".equals(cmd.subtype()) && name != null
        && (name.endsWith("_fkey") || name.endsWith("_fk") || name.startsWith("fk_"));
  }

  private static LockMode alterTableLock(AlterTableCmd cmd) {
    String type = cmd.subtype();
    if (SHARE_UPDATE_EXCLUSIVE.contains(type)) return LockMode.SHARE_UPDATE_EXCLUSIVE;
    if (SHARE_ROW_EXCLUSIVE.contains(type)) return LockMode.SHARE_ROW_EXCLUSIVE;
    if ("AT_DetachPartition".equals(type) && cmd.definition().orElse(null) instanceof dev.lockstep.parse.ast.PartitionCmd p
        && p.concurrently()) {
      return LockMode.SHARE_UPDATE_EXCLUSIVE;
    }
    if ("AT_AddConstraint".equals(type) && cmd.definition().orElse(null) instanceof Constraint c
        && "CONSTR_FOREIGN".equals(c.type())) {
      return LockMode.SHARE_ROW_EXCLUSIVE;
    }
    return LockMode.ACCESS_EXCLUSIVE;
  }

  private static Optional<Locked> writeBlocking(RangeVar table, LockMode mode) {
    if (table == null || mode == null || !mode.blocksWrites()) return Optional.empty();
    return Optional.of(new Locked(table, table.qualifiedName(), mode));
  }
}
