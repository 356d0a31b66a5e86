package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-drop-schema",
    title = "DROP SCHEMA removes every object in it",
    severity = Severity.WARNING)
public final class BanDropSchema implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Drop drop) || drop.objectType() != ObjectType.SCHEMA) return;
    for (var name : drop.objects()) {
      String schema = name.isEmpty() ? "" : Sql.quote(name.get(0));
      out.report(this, statement)
          .message(drop.cascade()
              ? "DROP SCHEMA %s CASCADE removes every table, view, function and type in it, and everything elsewhere "
                  + "that depends on them: the running application loses its tables, and each dropped table takes an "
                  + "ACCESS EXCLUSIVE lock"
              : "DROP SCHEMA %s removes the schema (it fails if anything is left in it): the running application loses "
                  + "its tables, and each dropped table takes an ACCESS EXCLUSIVE lock", schema)
          .rewrite(Rewrite.of("Drop a schema only after every deployed application has stopped using it, and drop its "
              + "objects one by one in earlier migrations so each step is visible and reversible"));
    }
  }
}
