package dev.lockstep.rules;

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

@RuleInfo(id = "ban-disable-trigger-all",
    title = "DISABLE TRIGGER ALL turns off foreign key enforcement",
    severity = Severity.ERROR)
public final class BanDisableTriggerAll implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.DISABLE_TRIGGER_ALL) continue;
      String t = alter.table().qualifiedName();
      out.report(this, statement)
          .message("DISABLE TRIGGER ALL on %s also disables the internal triggers that enforce foreign keys: rows "
              + "written meanwhile are not checked, and it takes a SHARE ROW EXCLUSIVE lock that blocks writes", t)
          .lock(MeasuredCases.get("disable-trigger").on(t))
          .rewrite(Rewrite.of("Disable only your own triggers, by name or with DISABLE TRIGGER USER, and enable them "
                  + "again in the same migration",
              new Rewrite.Step("instead", "ALTER TABLE " + t + " DISABLE TRIGGER USER;")));
    }
  }
}
