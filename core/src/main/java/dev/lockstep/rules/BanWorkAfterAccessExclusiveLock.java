package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.parse.ast.Transaction;
import dev.lockstep.rules.support.TableLocks;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(id = "ban-work-after-access-exclusive-lock",
    title = "More statements after taking ACCESS EXCLUSIVE keep the table blocked",
    severity = Severity.WARNING)
public final class BanWorkAfterAccessExclusiveLock implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    Set<Integer> flagged = context.computeOnce(id(), () -> flaggedStatements(context));
    if (!flagged.contains(statement.index())) return;
    Statement locker = context.statements().get(lockerOf(statement, context));
    TableLocks.Locked lock = TableLocks.strongest(locker.node()).orElseThrow();
    out.report(this, statement)
        .message("The transaction has held ACCESS EXCLUSIVE on %s since line %d, and keeps it until COMMIT: this and "
            + "every later statement extend the time every query on %s waits", lock.description(), locker.start().line(),
            lock.description())
        .rewrite(Rewrite.of("Commit right after the statement that takes ACCESS EXCLUSIVE, and run the rest in a "
            + "separate transaction (or do it first, before taking the lock)"));
  }

  /** The first statement after an ACCESS EXCLUSIVE lock in the same transaction, once per transaction. */
  private static Set<Integer> flaggedStatements(MigrationContext context) {
    Set<Integer> out = new HashSet<>();
    Integer locker = null;
    boolean reported = false;
    for (Statement s : context.statements()) {
      if (!context.inTransaction(s) || s.node() instanceof Transaction) {
        locker = null;
        reported = false;
        continue;
      }
      if (locker != null && !context.sameTransaction(s, locker)) {
        locker = null;
        reported = false;
      }
      if (s.node() instanceof SetVariable) continue; // settings do no work on the table
      if (locker != null && !reported) {
        out.add(s.index());
        reported = true;
      } else if (locker == null && takesAccessExclusiveOnExistingTable(s, context)) {
        locker = s.index();
      }
    }
    return out;
  }

  private static int lockerOf(Statement statement, MigrationContext context) {
    for (int i = statement.index() - 1; i >= 0; i--) {
      if (takesAccessExclusiveOnExistingTable(context.statements().get(i), context)) return i;
    }
    throw new IllegalStateException("no locking statement before " + statement);
  }

  private static boolean takesAccessExclusiveOnExistingTable(Statement s, MigrationContext context) {
    return TableLocks.strongest(s.node())
        .filter(l -> l.mode() == LockMode.ACCESS_EXCLUSIVE)
        .filter(l -> l.table() == null || !context.createdEarlier(l.table(), s))
        .isPresent();
  }
}
