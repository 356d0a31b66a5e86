package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.ObjectName;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.CreateTableAs;
import dev.lockstep.parse.ast.CreateView;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Rename;
import java.util.List;
import java.util.Objects;

/**
 * Rename-and-recreate swaps: {@code ALTER TABLE t RENAME TO t_old}, then, in the same transaction,
 * a table takes the old name ({@code CREATE TABLE t}, {@code CREATE TABLE t AS}, {@code ALTER TABLE
 * t_new RENAME TO t}) or a view of all of the renamed table does ({@code CREATE VIEW t AS SELECT *
 * FROM t_old}). Other sessions wait on the rename's lock and, when it commits, find the new object
 * under the old name: the name never goes missing (SwapOnPostgresTest).
 */
public final class TableSwaps {
  private TableSwaps() {}

  /** The index of the statement that gives the renamed table's old name back in the same transaction, or -1. */
  public static int completion(Rename rename, Statement statement, MigrationContext context) {
    if (rename.objectType() != ObjectType.TABLE || !context.inTransaction(statement)) return -1;
    ObjectName old = new ObjectName(rename.table().schema(), rename.table().name());
    List<Statement> all = context.statements();
    for (int i = statement.index() + 1; i < all.size() && context.sameTransaction(statement, i); i++) {
      RangeVar made = takesName(all.get(i), rename);
      if (made != null && new ObjectName(made.schema(), made.name()).equals(old)) return i;
    }
    return -1;
  }

  /**
   * Whether {@code statement} only completes a swap begun earlier in its transaction: it puts a
   * table in place under the freed name without filling it (CREATE TABLE, a rename into place, the
   * stand-in view). {@code CREATE TABLE ... AS} completes a swap too, but copies rows while the lock is held.
   */
  public static boolean onlyCompletes(Statement statement, MigrationContext context) {
    if (statement.node() instanceof CreateTableAs) return false;
    List<Statement> all = context.statements();
    for (int i = statement.index() - 1; i >= 0 && context.sameTransaction(statement, i); i--) {
      if (all.get(i).node() instanceof Rename rename && completion(rename, all.get(i), context) == statement.index()) {
        return true;
      }
    }
    return false;
  }

  /** The name a statement gives a table or a stand-in view of the renamed table, or null. */
  private static RangeVar takesName(Statement statement, Rename rename) {
    if (statement.node() instanceof CreateTable table) return table.table();
    if (statement.node() instanceof CreateTableAs as && !as.materializedView()) return as.table();
    if (statement.node() instanceof CreateView view && standsIn(view, rename)) return view.view();
    if (statement.node() instanceof Rename into && into.objectType() == ObjectType.TABLE && into.table() != null) {
      return RangeVar.of(into.table().schema(), into.newName());
    }
    return null;
  }

  /** A view {@code SELECT * FROM <the new name>}: old code reads and writes through it (a simple view is updatable). */
  private static boolean standsIn(CreateView view, Rename rename) {
    RangeVar source = view.selectsAllFrom();
    return source != null && source.name().equals(rename.newName())
        && Objects.equals(source.schema(), rename.table().schema());
  }
}
