package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Delete;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Update;

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
    String batch = "DELETE FROM " + t + " WHERE ctid IN (SELECT ctid FROM " + t + " LIMIT 10000)";
    out.report(this, statement)
        .message("%s without WHERE changes every row of %s in one transaction: it row-locks the whole table (concurrent "
            + "updates and deletes of those rows wait until commit), writes the whole table again to the WAL, and holds "
            + "back vacuum for its duration", verb, t)
        .rewrite(verb.equals("DELETE")
            ? Rewrite.of("Delete in batches, one transaction per batch, outside the schema migration",
                new Rewrite.Step("batches until 0 rows", batch + ";"))
            : Rewrite.of("Update in batches of a few thousand rows, one transaction per batch, outside the schema "
                + "migration, with a WHERE clause that skips rows already done so each batch makes progress"));
  }
}
