package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;

/** Reported by the linter's suppression pass (engine.Suppressions), not per statement. */
@RuleInfo(id = "invalid-suppression",
    title = "A lockstep-ignore comment with an unknown rule id or without a reason",
    severity = Severity.ERROR)
public final class InvalidSuppression implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    // findings come from the suppression pass, which sees all findings of the file
  }
}
