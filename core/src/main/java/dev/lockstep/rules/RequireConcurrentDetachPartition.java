package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
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
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.PartitionCmd;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.ToolSteps;

@RuleInfo(id = "require-concurrent-detach-partition",
    title = "Detach partitions with DETACH PARTITION ... CONCURRENTLY",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES, minPgVersion = 14)
public final class RequireConcurrentDetachPartition implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.DETACH_PARTITION || !(cmd.definition().orElse(null) instanceof PartitionCmd p)
          || p.concurrently() || statement.endOfWord("FINALIZE") >= 0) {
        continue;
      }
      String parent = alter.table().qualifiedName();
      String partition = p.partition().qualifiedName();
      int clauseEnd = statement.clauseEnd(statement.offsetOf(p.partition().location()));
      String concurrent = statement.source().text().substring(statement.span().start(), clauseEnd) + " CONCURRENTLY"
          + statement.source().text().substring(clauseEnd, statement.span().end());
      // One DETACH CONCURRENTLY per statement, never inside a transaction block.
      // Unsafe: a concurrent detach leaves the partition bound on the detached table as a CHECK constraint.
      Applicability level = alter.commands().size() == 1 && !context.inTransaction(statement)
          ? Applicability.UNSAFE : Applicability.DISPLAY_ONLY;
      out.report(this, statement)
          .message("DETACH PARTITION %s takes an ACCESS EXCLUSIVE lock on the parent %s: every read and write of the "
              + "whole partitioned table waits", partition, parent)
          .lock(MeasuredCases.get("detach-partition").on(parent, partition))
          .rewrite(Rewrite.of(Text.of("Detach with CONCURRENTLY (PostgreSQL 14+), outside a transaction block: it takes "
                  + "SHARE UPDATE EXCLUSIVE on the parent, so reads and writes go on. If it is interrupted, finish it "
                  + "with %s", "ALTER TABLE " + parent + " DETACH PARTITION " + partition + " FINALIZE"),
              new Rewrite.Step(ToolSteps.outsideTransaction(context), concurrent + ";")))
          .fix(Fix.of("Add CONCURRENTLY", level, TextEdit.insert(clauseEnd, " CONCURRENTLY")));
    }
  }
}
