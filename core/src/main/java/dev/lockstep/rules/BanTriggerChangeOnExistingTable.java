package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTrigger;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import java.util.List;

@RuleInfo(id = "ban-trigger-change-on-existing-table",
    title = "CREATE or DROP TRIGGER on a table in use blocks its writes",
    severity = Severity.WARNING)
public final class BanTriggerChangeOnExistingTable implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof CreateTrigger trigger) {
      if (context.createdEarlier(trigger.table(), statement)) return;
      String t = trigger.table().qualifiedName();
      out.report(this, statement)
          .message("CREATE TRIGGER on %s takes a SHARE ROW EXCLUSIVE lock: writes to %s wait until the transaction "
              + "commits, and from then on the trigger function runs on every matching write", t, t)
          .lock(MeasuredCases.get("create-trigger").on(t))
          .rewrite(Rewrite.of("Keep the transaction that creates the trigger short, behind a lock_timeout, with no slow "
                  + "statements after it",
              new Rewrite.Step("its own short transaction", "SET lock_timeout = '2s';\n" + statement.text() + ";")));
    } else if (statement.node() instanceof Drop drop && drop.objectType() == ObjectType.TRIGGER) {
      for (List<String> name : drop.objects()) {
        if (name.size() < 2) continue;
        RangeVar table = RangeVar.of(name.size() > 2 ? name.get(0) : null, name.get(name.size() - 2));
        if (context.createdEarlier(table, statement)) continue;
        String t = table.qualifiedName();
        out.report(this, statement)
            .message("DROP TRIGGER on %s takes an ACCESS EXCLUSIVE lock: reads and writes of %s wait until the "
                + "transaction commits", t, t)
            .lock(MeasuredCases.get("drop-trigger").on(t))
            .rewrite(Rewrite.of("Drop it in its own short transaction behind a lock_timeout",
                new Rewrite.Step("its own short transaction", "SET lock_timeout = '2s';\n" + statement.text() + ";")));
      }
    }
  }
}
