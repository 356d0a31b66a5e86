package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import java.util.List;

@RuleInfo(id = "ban-drop-table",
    title = "Dropping a table breaks the application version that still uses it",
    severity = Severity.WARNING)
public final class BanDropTable implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Drop drop) || drop.objectType() != ObjectType.TABLE) return;
    for (List<String> name : drop.objects()) {
      RangeVar table = RangeVar.of(name.size() > 1 ? name.get(name.size() - 2) : null, name.get(name.size() - 1));
      if (context.createdEarlier(table, statement)) continue;
      out.report(this, statement)
          .message("Dropping %s breaks every query of the running application version that still uses it; it also takes "
              + "ACCESS EXCLUSIVE on every table its foreign keys reference, blocking their reads and writes until commit",
              table.qualifiedName())
          .lock(MeasuredCases.get("drop-table-with-fk").on(table.qualifiedName(), "each referenced table"))
          .rewrite(Rewrite.of(Text.of("Contract only after the deploy: ship code that no longer uses %s, then drop it in "
                  + "a later migration with a short lock_timeout; drop its foreign keys first (one short lock per "
                  + "referenced table)", table.qualifiedName()),
              new Rewrite.Step("a migration after that deploy", "SET lock_timeout = '2s';\n" + statement.text() + ";")));
    }
  }
}
