package dev.lockstep.rules.support;

import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.ColumnDef;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Columns a statement defines: CREATE TABLE columns and ALTER TABLE ADD COLUMN. */
public final class NewColumns {
  /** A column and the table it belongs to. */
  public record Column(RangeVar table, ColumnDef def, Span span) {}

  private NewColumns() {}

  /** From the column name to the end of its definition. */
  private static Span span(Statement statement, ColumnDef column) {
    int start = statement.offsetOf(column.location());
    return new Span(start, Math.max(start, statement.clauseEnd(start)));
  }

  public static List<Column> of(Statement statement) {
    List<Column> out = new ArrayList<>();
    if (statement.node() instanceof CreateTable ct && ct.table() != null) {
      for (ColumnDef c : ct.columns()) out.add(new Column(ct.table(), c, span(statement, c)));
    } else if (statement.node() instanceof AlterTable at && at.table() != null) {
      for (AlterTableCmd cmd : at.commands()) {
        if (cmd.subtype() == AlterTableType.ADD_COLUMN && cmd.definition().orElse(null) instanceof ColumnDef c) {
          out.add(new Column(at.table(), c, span(statement, c)));
        }
      }
    }
    return out;
  }
}
