package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterEnum;
import dev.lockstep.rules.support.Relocations;
import dev.lockstep.rules.support.ToolSteps;

@RuleInfo(id = "ban-enum-add-value-in-transaction",
    title = "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction block",
    severity = Severity.ERROR, maxPgVersion = 11)
public final class BanEnumAddValueInTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterEnum e) || !e.addsValue() || !context.inTransaction(statement)) return;
    // PostgreSQL 12 release notes: ALTER TYPE ... ADD VALUE may now run inside a transaction block.
    var finding = out.report(this, statement)
        .message("On PostgreSQL %d, ALTER TYPE ... ADD VALUE fails inside a transaction block (\"ALTER TYPE ... ADD "
            + "cannot run inside a transaction block\"); this changed in PostgreSQL 12", context.pgVersion())
        .rewrite(Rewrite.of("Run it in its own migration without a transaction block",
            new Rewrite.Step(ToolSteps.outsideTransaction(context), statement.text() + ";")));
    if (Relocations.possible(statement, context)) {
      // object: the new value, so that a later statement using it keeps the ADD VALUE in place
      finding.relocate(Relocations.move(statement, "Move ADD VALUE to a migration that runs outside a transaction",
          statement.text() + ";", true, e.newValue(), null, Relocations.slug("add", e.newValue(), "to",
              e.typeName().get(e.typeName().size() - 1))));
    }
  }
}
