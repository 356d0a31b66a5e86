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
import dev.lockstep.engine.TableLocks;
import dev.lockstep.engine.Timeline;
import dev.lockstep.rules.support.TableSwaps;
import java.util.List;

@RuleInfo(id = "ban-work-after-access-exclusive-lock",
    title = "More statements after taking ACCESS EXCLUSIVE keep the table blocked",
    severity = Severity.WARNING)
public final class BanWorkAfterAccessExclusiveLock implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    Timeline.HeldLock held = locker(statement, context);
    if (held == null) return;
    Statement locker = context.statements().get(held.statement());
    TableLocks.Locked lock = held.lock();
    out.report(this, statement)
        .message("The transaction has held ACCESS EXCLUSIVE on %s since line %d, and keeps it until COMMIT: this and "
            + "every later statement extend the time every query on %s waits", lock.description(), locker.start().line(),
            lock.description())
        .rewrite(Rewrite.of("Commit right after the statement that takes ACCESS EXCLUSIVE, and run the rest in a "
            + "separate transaction (or do it first, before taking the lock)"));
  }

  /**
   * The lock ACCESS EXCLUSIVE that an earlier statement took on an existing table, when {@code statement} is the
   * first work after it in the same transaction (settings and a swap's completing step do no work); once per
   * transaction, counted from its start or its last transaction-control statement (SAVEPOINT ...).
   */
  private static Timeline.HeldLock locker(Statement statement, MigrationContext context) {
    if (!context.inTransaction(statement) || statement.node() instanceof Transaction || noWork(statement, context)) {
      return null;
    }
    List<Statement> all = context.statements();
    int previous = statement.index() - 1;
    while (previous >= 0 && noWork(all.get(previous), context) && context.sameTransaction(statement, previous)) {
      previous--;
    }
    if (previous < 0 || !context.sameTransaction(statement, previous)) return null;
    for (Timeline.HeldLock held : context.timeline().locksHeld(statement)) {
      if (held.onNewTable() || held.lock().mode() != LockMode.ACCESS_EXCLUSIVE) continue;
      if (sinceControl(all, held.statement(), statement.index())) return held.statement() == previous ? held : null;
    }
    return null;
  }

  /**
   * A statement that does no work while the lock is held: a setting, or the step that completes a
   * rename-and-recreate swap (it must run inside the lock, or the application would see the name
   * missing; it only puts an empty table or a view in place).
   */
  private static boolean noWork(Statement statement, MigrationContext context) {
    return statement.node() instanceof SetVariable || TableSwaps.onlyCompletes(statement, context);
  }

  /** No transaction-control statement (SAVEPOINT, ...) between {@code from} and {@code to}. */
  private static boolean sinceControl(List<Statement> all, int from, int to) {
    for (int i = from + 1; i < to; i++) if (all.get(i).node() instanceof Transaction) return false;
    return true;
  }
}
