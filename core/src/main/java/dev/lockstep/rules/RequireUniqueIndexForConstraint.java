package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
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
import dev.lockstep.rules.support.Sql;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "require-unique-index-for-constraint",
    title = "Build the unique index concurrently before adding a UNIQUE or PRIMARY KEY constraint",
    severity = Severity.ERROR)
public final class RequireUniqueIndexForConstraint implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() == AlterTableType.ADD_CONSTRAINT && cmd.definition().orElse(null) instanceof Constraint c
          && isKey(c) && c.usingIndex() == null) {
        report(statement, alter.table(), c, c.columns(), null, out);
      } else if (cmd.subtype() == AlterTableType.ADD_COLUMN && cmd.definition().orElse(null) instanceof ColumnDef col) {
        for (Constraint c : col.constraints()) {
          if (isKey(c)) {
            report(statement, alter.table(), c, List.of(col.name()), ColumnConstraints.addColumnWithout(statement, c), out);
          }
        }
      }
    }
  }

  private static boolean isKey(Constraint c) {
    return c.type() == ConstraintType.UNIQUE || c.type() == ConstraintType.PRIMARY;
  }

  /** {@code addColumn}: for a key on a new column, that column added without it (the first step), else null. */
  private void report(Statement statement, RangeVar table, Constraint c, List<String> columns, String addColumn,
                      Findings out) {
    boolean primary = c.type() == ConstraintType.PRIMARY;
    String name = c.name() != null ? c.name()
        : primary ? ConstraintNames.of(c, table) : Sql.defaultConstraintName(table.name(), String.join("_", columns), "key");
    String kind = primary ? "PRIMARY KEY" : "UNIQUE";
    List<String> cols = new ArrayList<>();
    for (String col : columns) cols.add(Sql.quote(col));
    String index = Sql.inSchemaOf(table, name);
    List<Rewrite.Step> steps = new ArrayList<>();
    if (addColumn != null) steps.add(new Rewrite.Step("its own transaction", addColumn));
    steps.add(new Rewrite.Step("outside a transaction block", "CREATE UNIQUE INDEX CONCURRENTLY " + Sql.quote(name)
        + " ON " + table.qualifiedName() + " (" + String.join(", ", cols) + ");"));
    if (primary) { // a primary key scans nullable columns: prove them NOT NULL first, without the scan lock
      StringBuilder add = new StringBuilder();
      StringBuilder validate = new StringBuilder();
      for (String col : columns) {
        String check = Sql.quote(Sql.defaultConstraintName(table.name(), col, "not_null_check"));
        add.append(add.length() > 0 ? "\n" : "").append(Sql.alterTable(table, "ADD CONSTRAINT " + check + " CHECK ("
            + Sql.quote(col) + " IS NOT NULL) NOT VALID"));
        validate.append(validate.length() > 0 ? "\n" : "").append(Sql.alterTable(table, "VALIDATE CONSTRAINT " + check));
      }
      steps.add(new Rewrite.Step("only for nullable columns: its own transaction", add.toString()));
      steps.add(new Rewrite.Step("a separate transaction", validate.toString()));
    }
    steps.add(new Rewrite.Step("a separate transaction (brief ACCESS EXCLUSIVE, no scan)",
        Sql.alterTable(table, "ADD CONSTRAINT " + Sql.quote(name) + " " + kind + " USING INDEX " + Sql.quote(name))));
    out.report(this, statement)
        .message("Adding %s %s on %s builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait for the "
            + "whole build", kind, Sql.quote(name), table.qualifiedName())
        .lock(MeasuredCases.get(primary ? "add-primary-key" : "add-unique").on(table.qualifiedName()))
        .rewrite(new Rewrite(Text.of("Build the unique index with CREATE UNIQUE INDEX CONCURRENTLY (reads and writes go on), "
            + "then attach it as the constraint with USING INDEX, which takes the lock only briefly. If the build fails, "
            + "DROP INDEX CONCURRENTLY IF EXISTS %s and retry", index), steps));
  }
}
