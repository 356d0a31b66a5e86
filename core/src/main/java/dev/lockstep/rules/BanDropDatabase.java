package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.DatabaseCommand;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-drop-database",
    title = "DROP DATABASE in a migration",
    severity = Severity.WARNING)
public final class BanDropDatabase implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof DatabaseCommand db) || !db.drops()) return;
    String name = Sql.quote(db.database());
    out.report(this, statement)
        .message("DROP DATABASE %s deletes a whole database; it cannot run inside a transaction block and cannot be "
            + "rolled back", name)
        .rewrite(Rewrite.of("Drop databases by hand or from provisioning tooling, not from an application migration"));
  }
}
