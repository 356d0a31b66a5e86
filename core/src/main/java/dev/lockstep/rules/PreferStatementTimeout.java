package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Reindex;

@RuleInfo(id = "prefer-statement-timeout",
    title = "Bound long scans with statement_timeout",
    severity = Severity.HINT, enabledByDefault = false)
public final class PreferStatementTimeout implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (context.statementTimeout(statement).isPresent()) return;
    String what = scan(statement);
    if (what == null) return;
    if (out.reported(this)) return; // once per file
    out.report(this, statement)
        .message("%s reads the whole table and no statement_timeout is set: on a table much larger than in testing it "
            + "can run far longer than the deploy expects", what)
        .rewrite(Rewrite.of("Set a statement_timeout that fits your largest table, so an unexpectedly long scan fails "
                + "and can be rescheduled instead of running unbounded",
            new Rewrite.Step("top of the migration", "SET statement_timeout = '15min';")));
  }

  /** Statements that scan a whole existing table without blocking it (their locking is other rules' business). */
  private static String scan(Statement s) {
    if (s.node() instanceof CreateIndex i && i.concurrently()) return "CREATE INDEX CONCURRENTLY";
    if (s.node() instanceof Reindex r && r.concurrently()) return "REINDEX CONCURRENTLY";
    if (s.node() instanceof AlterTable at) {
      for (AlterTableCmd cmd : at.commands()) {
        if (cmd.subtype() == AlterTableType.VALIDATE_CONSTRAINT) return "VALIDATE CONSTRAINT";
      }
    }
    return null;
  }
}
