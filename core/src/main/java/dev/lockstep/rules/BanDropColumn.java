package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;
import dev.lockstep.rules.support.TableSplit;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(id = "ban-drop-column",
    title = "Dropping a column breaks the application version that still uses it",
    severity = Severity.WARNING)
public final class BanDropColumn implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || alter.objectType() != ObjectType.TABLE
        || context.createdEarlier(alter.table(), statement)) {
      return;
    }
    Set<String> dropped = new HashSet<>();
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() == AlterTableType.DROP_COLUMN) dropped.add(cmd.name());
    }
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.DROP_COLUMN) continue;
      String table = alter.table().qualifiedName();
      String column = Sql.quote(cmd.name());
      out.report(this, statement)
          .message("Dropping %s.%s breaks every query of the running application version that still reads or writes %s "
              + "(including SELECT * mapped to a fixed list of fields); the lock is brief ACCESS EXCLUSIVE", table, column, column)
          .lock(MeasuredCases.get("drop-column").on(table))
          .rewrite(TableSplit.rewrite(context, statement, alter.table(), dropped, cmd.name()).orElseGet(() -> Rewrite.of(Text.of("Contract only after the deploy: first ship code that no longer uses %s "
                  + "(ORMs: mark it ignored), then drop it in a later migration", column),
              new Rewrite.Step("a migration after that deploy", statement.text() + ";"))));
    }
  }
}
