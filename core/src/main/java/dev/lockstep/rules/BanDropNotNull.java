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
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-drop-not-null",
    title = "Dropping NOT NULL lets NULLs reach code that never expected them",
    severity = Severity.HINT, enabledByDefault = false)
public final class BanDropNotNull implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.DROP_NOT_NULL) continue;
      String column = alter.table().qualifiedName() + "." + Sql.quote(cmd.name());
      out.report(this, statement)
          .message("DROP NOT NULL on %s: once new code writes NULLs, every reader that assumed a value (the running "
              + "version, reports, other services) can fail; the change is instant but hard to take back", column)
          .rewrite(Rewrite.of(Text.of("First deploy readers that handle NULL in %s, then drop the constraint", column)))
          .lock(MeasuredCases.get("drop-not-null").on(alter.table().qualifiedName()));
    }
  }
}
