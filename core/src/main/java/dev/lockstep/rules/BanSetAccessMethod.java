package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-set-access-method",
    title = "SET ACCESS METHOD rewrites the table under ACCESS EXCLUSIVE",
    severity = Severity.ERROR)
public final class BanSetAccessMethod implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    if (context.pgVersion() < 15) return; // the statement does not exist before 15
    if (context.table(alter.table()).map(t -> t.partitioned()).orElse(false)) return; // the parent only sets a default
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.SET_ACCESS_METHOD) continue;
      String table = alter.table().qualifiedName();
      String copy = Sql.inSchemaOf(alter.table(), alter.table().name() + "_new");
      String old = Identifiers.quote(alter.table().name() + "_old");
      String method = cmd.name() == null ? "DEFAULT" : Identifiers.quote(cmd.name());
      out.report(this, statement)
          .message("SET ACCESS METHOD %s rewrites %s and all its indexes under ACCESS EXCLUSIVE: reads and writes "
              + "wait for the whole copy (only a table that already uses %s is left alone)", method, table, method)
          .lock(MeasuredCases.get("set-access-method").on(table))
          .rewrite(Rewrite.of("Build a copy that uses the new access method while the old table keeps serving, "
                  + "then swap the names in one short transaction; or run the statement in a maintenance window",
              new Rewrite.Step("migration 1 (expand)", "CREATE TABLE " + copy + " (LIKE " + table
                  + " INCLUDING ALL) USING " + method + ";\n-- and a trigger on the table that repeats every INSERT, "
                  + "UPDATE and DELETE on the copy"),
              new Rewrite.Step("migration 2 (backfill in batches, one transaction per batch)",
                  "INSERT INTO " + copy + " SELECT * FROM " + table + " WHERE id > last_copied_id ORDER BY id "
                      + "LIMIT 10000 ON CONFLICT DO NOTHING;"),
              new Rewrite.Step("migration 3 (contract), one short transaction (brief ACCESS EXCLUSIVE)",
                  "ALTER TABLE " + table + " RENAME TO " + old + ";\nALTER TABLE " + copy + " RENAME TO "
                      + Identifiers.quote(alter.table().name()) + ";"),
              new Rewrite.Step("in a maintenance window, its own transaction", statement.text() + ";")));
    }
  }
}
