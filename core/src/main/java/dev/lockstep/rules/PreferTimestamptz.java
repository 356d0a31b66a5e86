package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.rules.support.NewColumns;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "prefer-timestamptz",
    title = "Use timestamptz instead of timestamp",
    severity = Severity.HINT, enabledByDefault = false)
public final class PreferTimestamptz implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    for (NewColumns.Column column : NewColumns.of(statement)) {
      if (!column.def().type().name().equals("timestamp")) continue;
      String c = Sql.quote(column.def().name());
      out.report(this, column.span())
          .message("%s.%s is timestamp without time zone: its values depend on the writer's time zone, and converting "
              + "it to timestamptz later rewrites the table unless the session runs in UTC", column.table().qualifiedName(), c)
          .rewrite(Rewrite.of("Use timestamptz: it stores an absolute instant",
              new Rewrite.Step("in the column definition", c + " timestamptz")));
    }
  }
}
