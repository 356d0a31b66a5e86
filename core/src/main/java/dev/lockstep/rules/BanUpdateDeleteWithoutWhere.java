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

@RuleInfo(id = "ban-update-delete-without-where",
    title = "UPDATE or DELETE of a whole existing table in one statement",
    severity = Severity.WARNING)
public final class BanUpdateDeleteWithoutWhere implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    RangeVar table;
    String verb;
    if (statement.node() instanceof Update u && !u.hasWhere()) {
      table = u.table();
      verb = "UPDATE";
    } else if (statement.node() instanceof Delete d && !d.hasWhere()) {
      table = d.table();
      verb = "DELETE";
    } else {
      return;
    }
    if (context.createdEarlier(table, statement)) return;
    String t = table.qualifiedName();
    out.report(this, statement)
        .message("%s without WHERE changes every row of %s in one transaction: it row-locks the whole table (concurrent "
            + "updates and deletes of those rows wait until commit), writes the whole table again to the WAL, and holds "
            + "back vacuum for its duration", verb, t)
        .rewrite(BatchedLoop.rewrite(statement, context, table, "outside a transaction block, in place of the statement"));
  }

}
