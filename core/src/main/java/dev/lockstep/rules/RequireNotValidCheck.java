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

@RuleInfo(id = "require-not-valid-check",
    title = "Add CHECK constraints NOT VALID, then VALIDATE separately",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireNotValidCheck implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    RangeVar table = alter.table();
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() == AlterTableType.ADD_CONSTRAINT && cmd.definition().orElse(null) instanceof Constraint c
          && c.type() == ConstraintType.CHECK && !c.notValid()) {
        String name = ConstraintNames.of(c, table);
        report(statement, table, name, c, null, out)
            .fix(NotValidFix.of(statement, context, c, table, name))
            .relocate(NotValidFix.relocation(statement, context, c, table, name));
      } else if (cmd.subtype() == AlterTableType.ADD_COLUMN && cmd.definition().orElse(null) instanceof ColumnDef col) {
        for (Constraint c : col.constraints()) {
          if (c.type() == ConstraintType.CHECK) {
            report(statement, table, ConstraintNames.of(c, table), c, ColumnConstraints.addColumnWithout(statement, c), out);
          }
        }
      }
    }
  }

  /** {@code addColumn}: for a CHECK on a new column, that column added without it (the first step), else null. */
  private Findings.Builder report(Statement statement, RangeVar table, String name, Constraint c, String addColumn,
                                  Findings out) {
    String expr = statement.source().text().substring(statement.offsetOf(c.location()),
        statement.clauseEnd(statement.offsetOf(c.location())));
    String checkClause = expr.substring(expr.toUpperCase(java.util.Locale.ROOT).indexOf("CHECK"));
    return out.report(this, statement)
        .message("Adding CHECK constraint %s on %s scans the whole table under an ACCESS EXCLUSIVE lock: reads and "
            + "writes wait until every row is checked", Sql.quote(name), table.qualifiedName())
        .lock(MeasuredCases.get("add-check").on(table.qualifiedName()))
        .rewrite(Rewrite.of("Add the constraint NOT VALID (brief lock, new rows are checked from then on), commit, "
                + "then VALIDATE it: the scan runs under SHARE UPDATE EXCLUSIVE while reads and writes go on",
            new Rewrite.Step("its own transaction", (addColumn == null ? "" : addColumn + "\n")
                + Sql.alterTable(table, "ADD CONSTRAINT " + Sql.quote(name) + " "
                + checkClause.replaceAll("(?i)\\s+NOT\\s+VALID$", "") + " NOT VALID")),
            new Rewrite.Step("a separate transaction", Sql.alterTable(table, "VALIDATE CONSTRAINT " + Sql.quote(name)))));
  }
}
