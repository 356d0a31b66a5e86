package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Origin;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Relocations;
import dev.lockstep.rules.support.ToolAdvice;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-validate-in-same-transaction",
    title = "VALIDATE a NOT VALID constraint in a later transaction",
    severity = Severity.ERROR)
public final class BanValidateInSameTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.VALIDATE_CONSTRAINT) continue;
      var added = context.addedNotValid(alter.table(), cmd.name(), statement)
          .filter(c -> !c.origin().earlierFile() || sameRun(context, statement, c.origin()));
      if (added.isEmpty()) continue;
      Origin origin = added.get().origin();
      if (!origin.earlierFile() && !context.sameTransaction(statement, origin.statement())) continue;
      boolean foreignKey = added.get().kind() == SchemaModel.ConstraintKind.FOREIGN_KEY;
      String table = alter.table().qualifiedName();
      var finding = origin.earlierFile()
          ? out.report(this, statement).message(foreignKey
              ? "VALIDATE CONSTRAINT %s runs in the same transaction that added it NOT VALID in %s: %s runs every "
                  + "pending migration in one transaction, so the SHARE ROW EXCLUSIVE lock of the ADD is still held, and "
                  + "the validation scan blocks writes just like adding the constraint directly"
              : "VALIDATE CONSTRAINT %s runs in the same transaction that added it NOT VALID in %s: %s runs every "
                  + "pending migration in one transaction, so the ACCESS EXCLUSIVE lock of the ADD is still held, and "
                  + "the validation scan blocks reads and writes just like adding the constraint directly",
              Sql.quote(cmd.name()), origin.describe(), context.runner().tool().id())
          : out.report(this, statement).message(foreignKey
              ? "VALIDATE CONSTRAINT %s runs in the same transaction that added it NOT VALID: the SHARE ROW EXCLUSIVE "
                  + "lock of the ADD is still held, so the validation scan blocks writes just like adding the constraint "
                  + "directly"
              : "VALIDATE CONSTRAINT %s runs in the same transaction that added it NOT VALID: the ACCESS EXCLUSIVE lock "
                  + "of the ADD is still held, so the validation scan blocks reads and writes just like adding the "
                  + "constraint directly", Sql.quote(cmd.name()));
      finding
          .lock(MeasuredCases.get(foreignKey ? "validate-fk-same-tx" : "validate-check-same-tx").on(table))
          .rewrite(ToolAdvice.laterTransaction(context, "Commit between the two steps: VALIDATE in a later transaction "
              + "takes only SHARE UPDATE EXCLUSIVE, and reads and writes go on during its scan", statement.text()));
      // a later migration of the same run is no way out of a run's one transaction
      if (!origin.earlierFile() && alter.commands().size() == 1 && Relocations.possible(statement, context)) {
        finding.relocate(Relocations.move(statement, "Move VALIDATE to a migration of its own", statement.text() + ";",
            false, cmd.name(), null, Relocations.slug("validate", cmd.name())));
      }
    }
  }

  /**
   * The constraint was added by an earlier migration of the same deploy, and the tool runs every
   * pending migration in one transaction (Drizzle's migrator, node-pg-migrate): still that transaction.
   */
  private static boolean sameRun(MigrationContext context, Statement statement, Origin origin) {
    return origin.pending() && context.runner() != null && context.runner().oneTransactionPerRun()
        && context.inTransaction(statement) && !context.inExplicitBlock(statement);
  }
}
