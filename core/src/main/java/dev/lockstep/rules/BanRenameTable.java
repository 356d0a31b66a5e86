package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.ObjectName;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.CreateTableAs;
import dev.lockstep.parse.ast.CreateView;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;
import java.util.List;

@RuleInfo(id = "ban-rename-table",
    title = "Renaming a table breaks the application version that is still running",
    severity = Severity.ERROR)
public final class BanRenameTable implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Rename rename) || rename.objectType() != ObjectType.TABLE) return;
    if (context.createdEarlier(rename.table(), statement)) return; // nobody reads the new table yet
    if (recreatedInSameTransaction(rename, statement, context)) return; // a swap: the name never goes missing
    String table = rename.table().qualifiedName();
    String renamed = Sql.inSchemaOf(rename.table(), rename.newName());
    out.report(this, statement)
        .message("Renaming %s to %s breaks every query of the running application that still uses %s "
            + "until the new version is deployed (the lock itself is brief ACCESS EXCLUSIVE)", table, renamed, table)
        .lock(MeasuredCases.get("rename-table").on(table))
        .rewrite(Rewrite.of("Rename and keep the old name as a view in the same transaction: a simple view over one "
                + "table is updatable, so old code keeps reading and writing through it. Drop the view once no "
                + "deployed code uses the old name",
            new Rewrite.Step("one migration, one transaction",
                "BEGIN;\nSET LOCAL lock_timeout = '2s';\n" + statement.text() + ";\nCREATE VIEW " + table
                    + " AS SELECT * FROM " + renamed + ";\nCOMMIT;"),
            new Rewrite.Step(Text.of("a later migration, after every deploy uses %s", renamed), "DROP VIEW " + table + ";")));
  }

  /** A view {@code SELECT * FROM <the new name>}: old code reads and writes through it (a simple view is updatable). */
  private static boolean standsIn(CreateView view, Rename rename) {
    RangeVar source = view.selectsAllFrom();
    return source != null && source.name().equals(rename.newName())
        && java.util.Objects.equals(source.schema(), rename.table().schema());
  }

  /**
   * Rename-and-recreate: a table, or a view of all of the renamed table, takes the old name later in
   * the same transaction, so other
   * sessions, which wait on the lock, see the new object under the old name when it commits.
   */
  private static boolean recreatedInSameTransaction(Rename rename, Statement statement, MigrationContext context) {
    if (!context.inTransaction(statement)) return false;
    ObjectName old = new ObjectName(rename.table().schema(), rename.table().name());
    List<Statement> all = context.statements();
    for (int i = statement.index() + 1; i < all.size() && context.sameTransaction(statement, i); i++) {
      RangeVar made = all.get(i).node() instanceof CreateTable ct ? ct.table()
          : all.get(i).node() instanceof CreateView v && standsIn(v, rename) ? v.view()
          : all.get(i).node() instanceof CreateTableAs cta && !cta.materializedView() ? cta.table() : null;
      if (made != null && new ObjectName(made.schema(), made.name()).equals(old)) return true;
    }
    return false;
  }
}
