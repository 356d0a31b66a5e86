package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
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
import dev.lockstep.rules.support.Sql;
import dev.lockstep.rules.support.ToolSteps;

@RuleInfo(id = "ban-validate-in-same-transaction",
    title = "VALIDATE a NOT VALID constraint in a later transaction",
    severity = Severity.ERROR)
public final class BanValidateInSameTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.VALIDATE_CONSTRAINT) continue;
      var added = context.addedNotValid(alter.table(), cmd.name(), statement).filter(c -> !c.origin().earlierFile());
      if (added.isEmpty() || !context.sameTransaction(statement, added.get().origin().statement())) continue;
      boolean foreignKey = added.get().kind() == SchemaModel.ConstraintKind.FOREIGN_KEY;
      String table = alter.table().qualifiedName();
      var finding = out.report(this, statement)
          .message("VALIDATE CONSTRAINT %s runs in the same transaction that added it NOT VALID: the %s lock of the ADD "
              + "is still held, so the validation scan blocks %s just like adding the constraint directly",
              Sql.quote(cmd.name()), foreignKey ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE",
              foreignKey ? "writes" : "reads and writes")
          .lock(MeasuredCases.get(foreignKey ? "validate-fk-same-tx" : "validate-check-same-tx").on(table))
          .rewrite(Rewrite.of("Commit between the two steps: VALIDATE in a later transaction takes only SHARE UPDATE "
                  + "EXCLUSIVE, and reads and writes go on during its scan",
              new Rewrite.Step(ToolSteps.laterTransaction(context), statement.text() + ";")));
      if (alter.commands().size() == 1 && Relocations.possible(statement, context)) {
        finding.relocate(Relocations.move(statement, "Move VALIDATE to a migration of its own", statement.text() + ";",
            false, cmd.name(), null, Relocations.slug("validate", cmd.name())));
      }
    }
  }
}
