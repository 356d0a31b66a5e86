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
import java.util.Optional;

@RuleInfo(id = "ban-enum-value-use-in-transaction",
    title = "A new enum value cannot be used in the transaction that added it",
    severity = Severity.ERROR)
public final class BanEnumValueUseInTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof AlterEnum || !context.inTransaction(statement)) return;
    for (String value : statement.node().stringLiterals()) {
      Optional<Integer> added = context.enumValueAddedInSameTransaction(value, statement);
      if (added.isEmpty()) continue;
      var finding = out.report(this, statement)
          .message("'%s' was added to an enum by ALTER TYPE ... ADD VALUE in this same transaction: using it fails with "
              + "\"unsafe use of new value '%s' of enum type\" until the transaction commits", value, value)
          .rewrite(Rewrite.of("Commit after ALTER TYPE ... ADD VALUE and use the value in a later transaction (with "
                  + "frameworks that wrap each migration in a transaction: in the next migration)",
              new Rewrite.Step("a later transaction", statement.text() + ";")));
      if (Relocations.possible(statement, context)) {
        finding.relocate(Relocations.move(statement, "Use the new value in a migration of its own", statement.text() + ";",
            false, null, null, Relocations.slug("use", value)));
      }
      return;
    }
  }
}
