package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;

/** Reported by the linter's suppression pass (engine.Suppressions), not per statement. */
@RuleInfo(id = "unused-suppression",
    title = "A lockstep-ignore comment that suppresses nothing",
    severity = Severity.WARNING)
public final class UnusedSuppression implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    // findings come from the suppression pass, which sees all findings of the file
  }
}
