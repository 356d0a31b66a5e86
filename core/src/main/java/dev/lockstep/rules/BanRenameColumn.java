package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "ban-rename-column",
    title = "Renaming a column breaks the application version that is still running",
    severity = Severity.ERROR)
public final class BanRenameColumn implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Rename rename) || rename.objectType() != ObjectType.COLUMN) return;
    if (rename.relationType() != ObjectType.TABLE) return; // views, types: not stored data
    if (context.createdEarlier(rename.table(), statement)) return; // nobody reads the new table yet
    String table = rename.table().qualifiedName();
    String from = Sql.quote(rename.oldName());
    String to = Sql.quote(rename.newName());
    out.report(this, statement)
        .message("Renaming %s.%s to %s breaks every query of the running application that still uses %s "
            + "until the new version is deployed (the lock itself is brief ACCESS EXCLUSIVE)", table, from, to, from)
        .lock(MeasuredCases.get("rename-column").on(table))
        .rewrite(Rewrite.of("Expand and contract over several deploys: add the new column, write to both, backfill, "
                + "switch reads, then drop the old column",
            new Rewrite.Step(Text.of("migration 1 (expand): prints ADD COLUMN with the type of %s; run its output", from),
                "SELECT format('ALTER TABLE %s ADD COLUMN %I %s;', '" + table.replace("'", "''") + "', '"
                    + rename.newName().replace("'", "''") + "', format_type(atttypid, atttypmod))\n  FROM pg_attribute WHERE attrelid = '"
                    + table.replace("'", "''") + "'::regclass AND attname = '" + rename.oldName().replace("'", "''") + "';"),
            new Rewrite.Step(Text.of("deploy: the application writes both %s and %s (or a trigger copies %s to %s)",
                from, to, from, to), "-- application change"),
            new Rewrite.Step("migration 2 (backfill in batches, one transaction per batch)",
                "UPDATE " + table + " SET " + to + " = " + from + " WHERE " + to + " IS DISTINCT FROM " + from
                    + " AND ctid IN (SELECT ctid FROM " + table + " WHERE " + to + " IS DISTINCT FROM " + from
                    + " LIMIT 10000);  -- repeat until 0 rows"),
            new Rewrite.Step(Text.of("deploy: the application reads and writes only %s", to), "-- application change"),
            new Rewrite.Step("migration 3 (contract)", Sql.alterTable(rename.table(), "DROP COLUMN " + from))));
  }
}
