package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.DynamicSql;
import dev.lockstep.parse.Statement;

@RuleInfo(id = "unchecked-dynamic-sql",
    title = "An EXECUTE of a string built at run time is not checked",
    severity = Severity.HINT, enabledByDefault = false)
public final class UncheckedDynamicSql implements Rule {
  private static final String ADVICE = "Write the statements out in the migration (one per table), or EXECUTE constant "
      + "strings, so that lockstep checks each of them; where the SQL must be built when the block runs, review what it "
      + "builds (RAISE NOTICE each string in a dry run, then lint that output) and set lock_timeout before the block";

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    for (DynamicSql execute : statement.dynamicSql()) {
      var finding = out.report(this, execute.span());
      if (execute.kind() == DynamicSql.Kind.BUILT) {
        finding.message("This EXECUTE runs SQL built when the block runs: lockstep cannot check its locks, rewrites "
            + "or scans, so it says nothing about that statement");
      } else {
        finding.message("This EXECUTE runs a string with doubled or escaped quotes, which lockstep does not read: it "
            + "cannot check its locks, rewrites or scans, so it says nothing about that statement");
      }
      finding.rewrite(Rewrite.of(ADVICE));
    }
  }
}
