package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Transaction;

@RuleInfo(id = "ban-nested-transaction",
    title = "BEGIN inside a transaction does not start a new one",
    severity = Severity.WARNING)
public final class BanNestedTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Transaction t) || !t.begins() || !context.inTransaction(statement)) return;
    boolean runner = !context.inExplicitBlock(statement);
    // In a multi-statement string sent in one call, BEGIN turns the implicit block into a real one.
    if (runner && context.inImplicitBlock(statement)) return;
    boolean dbmate = runner && context.runner() != null && context.runner().tool() == TransactionPlan.Tool.DBMATE;
    if (dbmate) {
      // checked with dbmate itself: its driver refuses to commit a transaction the file already ended
      out.report(this, statement)
          .message("BEGIN in a dbmate migration, which dbmate already runs in a transaction: the COMMIT that follows "
              + "ends dbmate's transaction, and dbmate then fails with \"pq: unexpected transaction status idle\"")
          .rewrite(Rewrite.of("Drop BEGIN/COMMIT and let dbmate's transaction cover the up section, or write "
              + "'-- migrate:up transaction:false' to manage the transaction in the file yourself"));
      return;
    }
    out.report(this, statement)
        .message(runner
            ? "BEGIN in a migration that the runner already wraps in a transaction: PostgreSQL only warns \"there is "
                + "already a transaction in progress\", and the COMMIT that follows commits the runner's transaction early"
            : "BEGIN inside an open transaction does not start a new one (PostgreSQL only warns \"there is already a "
                + "transaction in progress\"): the first COMMIT ends both, so later statements run outside any transaction")
        .rewrite(Rewrite.of(runner
            ? "Drop BEGIN/COMMIT and let the runner's transaction cover the file, or turn the runner's transaction off "
                + "for this migration"
            : "Close the first transaction with COMMIT before starting the next, or use SAVEPOINT for a nested scope"));
  }
}
