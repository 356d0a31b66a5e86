package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "prefer-if-exists",
    title = "Make statements outside a transaction retry-safe with IF [NOT] EXISTS",
    severity = Severity.HINT, enabledByDefault = false, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class PreferIfExists implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (context.inTransaction(statement)) return; // a transaction rolls back as a whole: a retry starts clean
    if (statement.node() instanceof CreateIndex index && index.concurrently() && !index.ifNotExists()
        && index.name() != null) {
      int at = statement.endOfWord("CONCURRENTLY");
      report(statement, out, "CREATE INDEX CONCURRENTLY", Sql.insertAfterWord(statement, "CONCURRENTLY", " IF NOT EXISTS"),
          TextEdit.insert(at, " IF NOT EXISTS"));
    } else if (statement.node() instanceof Drop drop && drop.concurrently() && !drop.ifExists()) {
      int at = statement.endOfWord("CONCURRENTLY");
      report(statement, out, "DROP INDEX CONCURRENTLY", Sql.insertAfterWord(statement, "CONCURRENTLY", " IF EXISTS"),
          TextEdit.insert(at, " IF EXISTS"));
    }
  }

  private void report(Statement statement, Findings out, String what, String retrySafe, TextEdit edit) {
    out.report(this, statement)
        .message("%s runs outside a transaction: if the migration fails after it, a retry fails here because the "
            + "first run already did it", what)
        .rewrite(Rewrite.of("Make it idempotent so the migration can simply be run again",
            new Rewrite.Step("instead, outside a transaction block", retrySafe + ";")))
        .fix(Fix.of("Add IF [NOT] EXISTS", Applicability.SAFE, edit));
  }
}
