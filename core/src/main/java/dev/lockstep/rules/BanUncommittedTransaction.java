package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;


@RuleInfo(id = "ban-uncommitted-transaction",
    title = "A transaction opened in a migration must be committed in it",
    severity = Severity.ERROR)
public final class BanUncommittedTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {}

  @Override
  public void checkFile(MigrationContext context, Findings out) {
    int open = context.timeline().unclosedBegin();
    if (open < 0) return;
    Statement statement = context.statements().get(open);
    out.report(this, statement)
        .message("This transaction is never committed: the migration ends inside it, so its locks stay held until the "
            + "connection closes, and whether its changes persist depends on how the runner ends the session")
        .rewrite(Rewrite.of("End the transaction in the same file",
            new Rewrite.Step("at the end of the migration", "COMMIT;")));
  }
}
