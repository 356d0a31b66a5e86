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

@RuleInfo(id = "prefer-text-type",
    title = "Use text instead of varchar(n) and char(n)",
    severity = Severity.HINT, enabledByDefault = false)
public final class PreferTextType implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    for (NewColumns.Column column : NewColumns.of(statement)) {
      String type = column.def().type().name();
      boolean limited = (type.equals("varchar") || type.equals("bpchar")) && !column.def().type().modifiers().isEmpty();
      if (!limited) continue;
      String c = Sql.quote(column.def().name());
      int n = column.def().type().modifiers().get(0);
      out.report(this, column.span())
          .message(type.equals("bpchar")
              ? "%s.%s is char(%d): shrinking the limit later rewrites the table, and char(n) pads values with spaces"
              : "%s.%s is varchar(%d): shrinking the limit later rewrites the table", column.table().qualifiedName(), c, n)
          .rewrite(Rewrite.of("Use text, with a CHECK constraint if a limit matters: a CHECK can be changed with "
                  + "NOT VALID + VALIDATE, without a rewrite",
              new Rewrite.Step("in the column definition", c + " text CHECK (char_length(" + c + ") <= " + n + ")")));
    }
  }
}
