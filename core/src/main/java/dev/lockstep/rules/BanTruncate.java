package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Truncate;
import dev.lockstep.rules.support.MeasuredCases;

@RuleInfo(id = "ban-truncate",
    title = "TRUNCATE on a live table deletes data under ACCESS EXCLUSIVE",
    severity = Severity.WARNING)
public final class BanTruncate implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Truncate truncate)) return;
    for (RangeVar table : truncate.tables()) {
      if (context.createdEarlier(table, statement)) continue;
      String t = table.qualifiedName();
      out.report(this, statement)
          .message(truncate.cascade()
              ? "TRUNCATE %s deletes every row under an ACCESS EXCLUSIVE lock and empties every table that references it "
                  + "(CASCADE), locking those too: reads and writes wait, and the data the running application expects is gone"
              : "TRUNCATE %s deletes every row under an ACCESS EXCLUSIVE lock: reads and writes wait, and the data the "
                  + "running application expects is gone", t)
          .lock(MeasuredCases.get("truncate").on(t))
          .rewrite(Rewrite.of("If the rows must go from a live table, delete them in batches so no long lock is held",
              new Rewrite.Step("batches, one transaction each, until 0 rows",
                  "DELETE FROM " + t + " WHERE ctid IN (SELECT ctid FROM " + t + " LIMIT 10000);")));
    }
  }
}
