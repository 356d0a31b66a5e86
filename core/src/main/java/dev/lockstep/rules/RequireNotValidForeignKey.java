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
import dev.lockstep.parse.ast.ColumnDef;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.ConstraintType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.ColumnConstraints;
import dev.lockstep.rules.support.ConstraintNames;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.NotValidFix;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "require-not-valid-foreign-key",
    title = "Add foreign keys NOT VALID, then VALIDATE separately",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireNotValidForeignKey implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    RangeVar table = alter.table();
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() == AlterTableType.ADD_CONSTRAINT && cmd.definition().orElse(null) instanceof Constraint c
          && c.type() == ConstraintType.FOREIGN && !c.notValid()) {
        String name = ConstraintNames.of(c, table);
        report(statement, table, c, name, null, out).fix(NotValidFix.of(statement, context, c, table, name))
            .relocate(NotValidFix.relocation(statement, context, c, table, name));
      } else if (cmd.subtype() == AlterTableType.ADD_COLUMN && cmd.definition().orElse(null) instanceof ColumnDef col) {
        // A new column is NULL everywhere, so REFERENCES checks nothing, unless a DEFAULT fills it.
        boolean filled = col.constraints().stream().anyMatch(k -> k.type() == ConstraintType.DEFAULT && !k.nullDefault());
        for (Constraint c : col.constraints()) {
          if (c.type() == ConstraintType.FOREIGN && filled) {
            report(statement, table, c, Sql.defaultConstraintName(table.name(), col.name(), "fkey"), col.name(), out);
          }
        }
      }
    }
  }

  /** {@code column} is set for a column-level REFERENCES, which the rewrite turns into a table constraint. */
  private Findings.Builder report(Statement statement, RangeVar table, Constraint c, String name, String column,
                                  Findings out) {
    RangeVar referenced = c.referencedTable();
    String clause = statement.source().text().substring(statement.offsetOf(c.location()),
        statement.clauseEnd(statement.offsetOf(c.location())));
    String fk = clause.replaceAll("(?i)^CONSTRAINT\\s+(\"[^\"]*\"|\\S+)\\s+", "");
    if (column != null) fk = "FOREIGN KEY (" + Sql.quote(column) + ") " + fk;
    // A column-level REFERENCES comes with ADD COLUMN, which holds ACCESS EXCLUSIVE on the table during the check.
    Findings.Builder finding = column == null
        ? out.report(this, statement)
            .message("Adding foreign key %s scans %s under SHARE ROW EXCLUSIVE locks on both %s and %s: writes to both "
                + "tables wait until every row is checked", Sql.quote(name), table.qualifiedName(), table.qualifiedName(),
                referenced.qualifiedName())
            .lock(MeasuredCases.get("add-fk").on(table.qualifiedName(), referenced.qualifiedName()))
        : out.report(this, statement)
            .message("Adding column %s with a default and foreign key %s checks every row of %s while ADD COLUMN holds "
                + "ACCESS EXCLUSIVE on it (and SHARE ROW EXCLUSIVE on %s): reads and writes of %s wait until every row "
                + "is checked", Sql.quote(column), Sql.quote(name), table.qualifiedName(), referenced.qualifiedName(),
                table.qualifiedName())
            .lock(MeasuredCases.get("add-column-references-default").on(table.qualifiedName(), referenced.qualifiedName()));
    return finding
        .rewrite(Rewrite.of("Add the foreign key NOT VALID (brief locks, new rows are checked from then on), commit, "
                + "then VALIDATE it: the scan runs under SHARE UPDATE EXCLUSIVE and ROW SHARE, so writes go on",
            new Rewrite.Step("its own transaction", (column == null ? "" : ColumnConstraints.addColumnWithout(statement, c)
                + "\n") + Sql.alterTable(table, "ADD CONSTRAINT " + Sql.quote(name) + " "
                + fk.replaceAll("(?i)\\s+NOT\\s+VALID$", "") + " NOT VALID")),
            new Rewrite.Step("a separate transaction", Sql.alterTable(table, "VALIDATE CONSTRAINT " + Sql.quote(name)))));
  }
}
