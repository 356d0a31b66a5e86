package dev.lockstep.engine;

import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.Cluster;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.ConstraintType;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.CreateTrigger;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.LockTable;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.Policy;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.RefreshMaterializedView;
import dev.lockstep.parse.ast.Reindex;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.parse.ast.Truncate;
import dev.lockstep.parse.ast.Vacuum;
import java.util.EnumSet;
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
  private static final Set<AlterTableType> SHARE_UPDATE_EXCLUSIVE = EnumSet.of(AlterTableType.VALIDATE_CONSTRAINT,
      AlterTableType.SET_STATISTICS, AlterTableType.SET_OPTIONS, AlterTableType.RESET_OPTIONS,
      AlterTableType.SET_REL_OPTIONS, AlterTableType.RESET_REL_OPTIONS, AlterTableType.CLUSTER_ON,
      AlterTableType.DROP_CLUSTER, AlterTableType.ATTACH_PARTITION, AlterTableType.SET_COMPRESSION);
  private static final Set<AlterTableType> SHARE_ROW_EXCLUSIVE = EnumSet.of(AlterTableType.ENABLE_TRIGGER,
      AlterTableType.ENABLE_ALWAYS_TRIGGER, AlterTableType.ENABLE_REPLICA_TRIGGER, AlterTableType.ENABLE_TRIGGER_ALL,
      AlterTableType.ENABLE_TRIGGER_USER, AlterTableType.DISABLE_TRIGGER, AlterTableType.DISABLE_TRIGGER_ALL,
      AlterTableType.DISABLE_TRIGGER_USER);

  private TableLocks() {}

  public static Optional<Locked> strongest(Node node) {
    return strongest(node, SchemaModel.empty());
  }

  /**
   * As {@link #strongest(Node)}, where {@code model} names what the statement itself does not: the
   * table of a dropped index, and whether a dropped constraint is a foreign key.
   */
  public static Optional<Locked> strongest(Node node, SchemaModel model) {
    if (node instanceof AlterTable at && at.table() != null) {
      LockMode mode = null;
      for (AlterTableCmd cmd : at.commands()) {
        LockMode m = alterTableLock(cmd);
        if (mode == null || m.compareTo(mode) > 0) mode = m;
      }
      Optional<Locked> locked = writeBlocking(at.table(), mode);
      // Dropping a foreign key also takes ACCESS EXCLUSIVE on the referenced table (measured: drop-fk).
      Optional<SchemaModel.Table> known = model.table(model.resolve(at.table().schema(), at.table().name()));
      if (locked.isPresent() && at.commands().stream().anyMatch(cmd -> dropsForeignKey(cmd, known))) {
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
      ObjectType type = d.objectType();
      if (EnumSet.of(ObjectType.TABLE, ObjectType.INDEX, ObjectType.TRIGGER, ObjectType.POLICY, ObjectType.RULE,
          ObjectType.MATVIEW).contains(type) && !d.objects().isEmpty()) {
        var name = d.objects().get(0);
        String object = String.join(".", name);
        Optional<SchemaModel.Index> index = type == ObjectType.INDEX && !name.isEmpty()
            ? model.index(model.resolve(name.size() > 1 ? name.get(name.size() - 2) : null, name.get(name.size() - 1)))
            : Optional.empty();
        if (index.isPresent()) { // the history knows the index's table
          ObjectName t = index.get().table();
          RangeVar table = RangeVar.of(t.schema().equals("public") ? null : t.schema(), t.name());
          return Optional.of(new Locked(table, table.qualifiedName() + " (the table of index " + object + ")",
              LockMode.ACCESS_EXCLUSIVE));
        }
        String on = switch (type) {
          case TABLE, MATVIEW -> object;
          case INDEX -> "the table of index " + object;
          default -> String.join(".", name.subList(0, Math.max(1, name.size() - 1))); // trigger, policy, rule: on table
        };
        return Optional.of(new Locked(null, on, LockMode.ACCESS_EXCLUSIVE));
      }
    }
    if (node instanceof Policy p && p.table() != null) return writeBlocking(p.table(), LockMode.ACCESS_EXCLUSIVE);
    return Optional.empty();
  }

  /**
   * DROP CONSTRAINT of a foreign key: as the history made it when it knows the constraint, else by
   * its name (PostgreSQL's *_fkey, or *_fk / fk_*).
   */
  private static boolean dropsForeignKey(AlterTableCmd cmd, Optional<SchemaModel.Table> table) {
    String name = cmd.name();
    if (cmd.subtype() != AlterTableType.DROP_CONSTRAINT || name == null) return false;
    Optional<SchemaModel.TableConstraint> known = table.flatMap(t -> t.constraint(name));
    if (known.isPresent()) return known.get().kind() == SchemaModel.ConstraintKind.FOREIGN_KEY;
    return name.endsWith("_fkey") || name.endsWith("_fk") || name.startsWith("fk_");
  }

  private static LockMode alterTableLock(AlterTableCmd cmd) {
    AlterTableType type = cmd.subtype();
    if (SHARE_UPDATE_EXCLUSIVE.contains(type)) return LockMode.SHARE_UPDATE_EXCLUSIVE;
    if (SHARE_ROW_EXCLUSIVE.contains(type)) return LockMode.SHARE_ROW_EXCLUSIVE;
    if (type == AlterTableType.DETACH_PARTITION && cmd.definition().orElse(null) instanceof dev.lockstep.parse.ast.PartitionCmd p
        && p.concurrently()) {
      return LockMode.SHARE_UPDATE_EXCLUSIVE;
    }
    if (type == AlterTableType.ADD_CONSTRAINT && cmd.definition().orElse(null) instanceof Constraint c
        && c.type() == ConstraintType.FOREIGN) {
      return LockMode.SHARE_ROW_EXCLUSIVE;
    }
    return LockMode.ACCESS_EXCLUSIVE;
  }

  private static Optional<Locked> writeBlocking(RangeVar table, LockMode mode) {
    if (table == null || mode == null || !mode.blocksWrites()) return Optional.empty();
    return Optional.of(new Locked(table, table.qualifiedName(), mode));
  }
}
