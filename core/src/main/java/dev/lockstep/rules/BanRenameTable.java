package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;
import dev.lockstep.rules.support.TableSwaps;

@RuleInfo(id = "ban-rename-table",
    title = "Renaming a table breaks the application version that is still running",
    severity = Severity.ERROR)
public final class BanRenameTable implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Rename rename) || rename.objectType() != ObjectType.TABLE) return;
    if (context.createdEarlier(rename.table(), statement)) return; // nobody reads the new table yet
    if (TableSwaps.completion(rename, statement, context) >= 0) return; // a swap: the name never goes missing
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
}
