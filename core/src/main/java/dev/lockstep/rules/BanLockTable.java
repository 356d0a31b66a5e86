package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.LockTable;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;

@RuleInfo(id = "ban-lock-table",
    title = "Explicit LOCK TABLE holds a blocking lock until commit",
    severity = Severity.WARNING)
public final class BanLockTable implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof LockTable lock)) return;
    LockMode mode = LockMode.valueOf(lock.mode().replace(' ', '_'));
    if (!mode.blocksWrites()) return;
    for (RangeVar table : lock.tables()) {
      if (context.createdEarlier(table, statement)) continue;
      String t = table.qualifiedName();
      var finding = out.report(this, statement)
          .message(mode.blocksReads()
              ? lock.nowait() ? "LOCK TABLE %s IN %s MODE blocks reads and writes on %s until the transaction commits"
                  : "LOCK TABLE %s IN %s MODE blocks reads and writes on %s until the transaction commits, and waits "
                      + "without limit for running queries unless lock_timeout is set"
              : lock.nowait() ? "LOCK TABLE %s IN %s MODE blocks writes on %s until the transaction commits"
                  : "LOCK TABLE %s IN %s MODE blocks writes on %s until the transaction commits, and waits without "
                      + "limit for running queries unless lock_timeout is set", t, lock.mode(), t)
          .rewrite(Rewrite.of("Take no explicit lock: each statement takes the lock it needs. If the lock is really "
              + "needed, keep the transaction short and add NOWAIT or a lock_timeout"));
      if (mode == LockMode.ACCESS_EXCLUSIVE) finding.lock(MeasuredCases.get("lock-table-default").on(t));
      else if (mode == LockMode.SHARE) finding.lock(MeasuredCases.get("lock-table-share").on(t));
    }
  }
}
