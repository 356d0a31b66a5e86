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
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.ConstraintType;
import dev.lockstep.rules.support.ConstraintNames;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-exclusion-constraint",
    title = "Adding an EXCLUDE constraint to an existing table blocks it for the whole index build",
    severity = Severity.WARNING)
public final class BanExclusionConstraint implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.ADD_CONSTRAINT || !(cmd.definition().orElse(null) instanceof Constraint c)
          || c.type() != ConstraintType.EXCLUSION) {
        continue;
      }
      String table = alter.table().qualifiedName();
      out.report(this, statement)
          .message("Adding EXCLUDE constraint %s on %s builds its index and checks every row under an ACCESS EXCLUSIVE "
              + "lock: reads and writes wait for the whole build, and there is no CONCURRENTLY form",
              Sql.quote(ConstraintNames.of(c, alter.table())), table)
          .lock(MeasuredCases.get("add-exclude").on(table))
          .rewrite(Rewrite.of("There is no concurrent way to add an exclusion constraint. Add it when the table is small "
                  + "or in a maintenance window, bounded by timeouts so it fails instead of stalling traffic; or build "
                  + "a new table with the constraint, copy the rows over and swap the tables",
              new Rewrite.Step("in a maintenance window, its own transaction",
                  "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\n" + statement.text() + ";")));
    }
  }
}
