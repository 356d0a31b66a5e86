package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Delete;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Update;
import dev.lockstep.rules.support.BatchedLoop;
import java.util.Optional;

@RuleInfo(id = "ban-backfill-in-ddl-transaction",
    title = "Backfilling a table in the same transaction that altered it",
    severity = Severity.ERROR)
public final class BanBackfillInDdlTransaction implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    RangeVar table = statement.node() instanceof Update u ? u.table()
        : statement.node() instanceof Delete d ? d.table() : null;
    if (table == null || context.createdEarlier(table, statement)) return;
    Optional<Integer> altered = context.alteredInSameTransaction(table, statement);
    if (altered.isEmpty()) return;
    Statement ddl = context.statements().get(altered.get());
    out.report(this, statement)
        .message("This %s of %s runs in the same transaction as the ALTER TABLE at line %d, whose ACCESS EXCLUSIVE lock "
            + "is held until commit: reads and writes of %s wait for the whole backfill",
            statement.node() instanceof Update ? "UPDATE" : "DELETE", table.qualifiedName(), ddl.start().line(),
            table.qualifiedName())
        .rewrite(BatchedLoop.rewrite(statement, context, table,
            "after the schema change commits, outside a transaction block"));
  }
}
