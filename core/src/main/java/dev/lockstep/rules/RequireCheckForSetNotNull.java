package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "require-check-for-set-not-null",
    title = "Prove a column has no NULLs before SET NOT NULL",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireCheckForSetNotNull implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.SET_NOT_NULL) continue;
      if (context.notNullProven(alter.table(), cmd.name(), statement)) continue; // the recipe's last step
      report(statement, context, alter, cmd, out);
    }
  }

  private void report(Statement statement, MigrationContext context, AlterTable alter, AlterTableCmd cmd, Findings out) {
    RangeVar table = alter.table();
    String column = Sql.quote(cmd.name());
    // PostgreSQL 18 names the column's own NOT NULL constraint <table>_<column>_not_null: the helper CHECK
    // of the older recipe takes another name, or SET NOT NULL on an 18 server would name its constraint ..._not_null1.
    String check = Sql.quote(Sql.defaultConstraintName(table.name(), cmd.name(), "not_null_check"));
    String notNull = Sql.quote(Sql.defaultConstraintName(table.name(), cmd.name(), "not_null"));
    var finding = out.report(this, statement)
        .message("SET NOT NULL on %s.%s scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait "
            + "until it has checked every row", table.qualifiedName(), column)
        .lock(MeasuredCases.get("set-not-null").on(table.qualifiedName()));
    if (context.pgVersion() < 12) {
      finding.rewrite(Rewrite.of("Before PostgreSQL 12, SET NOT NULL always scans under ACCESS EXCLUSIVE. Keep a "
              + "validated CHECK constraint instead of NOT NULL: it gives the same guarantee",
          new Rewrite.Step("its own transaction", Sql.alterTable(table, "ADD CONSTRAINT " + check + " CHECK (" + column
              + " IS NOT NULL) NOT VALID")),
          new Rewrite.Step("a separate transaction (scans under SHARE UPDATE EXCLUSIVE)",
              Sql.alterTable(table, "VALIDATE CONSTRAINT " + check))));
      return;
    }
    if (context.pgVersion() >= 18) {
      String add = Sql.alterTable(table, "ADD CONSTRAINT " + notNull + " NOT NULL " + column + " NOT VALID");
      String validate = Sql.alterTable(table, "VALIDATE CONSTRAINT " + notNull);
      finding.rewrite(Rewrite.of("On PostgreSQL 18, add the NOT NULL constraint NOT VALID (brief lock, no scan), then "
              + "validate it in a separate transaction: the scan runs under SHARE UPDATE EXCLUSIVE, reads and writes go on, "
              + "and the column is NOT NULL afterwards",
          new Rewrite.Step("its own transaction", add),
          new Rewrite.Step("a separate transaction", validate)));
      offerFix(statement, context, alter, add + "\n" + validate, finding);
      return;
    }
    String add = Sql.alterTable(table, "ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID");
    String validate = Sql.alterTable(table, "VALIDATE CONSTRAINT " + check);
    String set = Sql.alterTable(table, "ALTER COLUMN " + column + " SET NOT NULL") + "\n"
        + Sql.alterTable(table, "DROP CONSTRAINT " + check);
    finding.rewrite(Rewrite.of("Prove the column has no NULLs with a CHECK constraint first: added NOT VALID it takes a "
            + "brief lock, VALIDATE scans under SHARE UPDATE EXCLUSIVE while reads and writes go on, and SET NOT NULL "
            + "then uses the valid CHECK instead of scanning (PostgreSQL 12+)",
        new Rewrite.Step("its own transaction", add),
        new Rewrite.Step("a separate transaction", validate),
        new Rewrite.Step("a separate transaction", set)));
    offerFix(statement, context, alter, add + "\n" + validate + "\n" + set, finding);
  }

  /** A statement that only sets NOT NULL, outside a transaction block, can be replaced by the steps. */
  private static void offerFix(Statement statement, MigrationContext context, AlterTable alter, String steps,
                               Findings.Builder finding) {
    if (alter.commands().size() != 1) return;
    Applicability level = context.inTransaction(statement) ? Applicability.DISPLAY_ONLY : Applicability.UNSAFE;
    String replacement = steps.substring(0, steps.length() - 1); // the statement's own ';' ends the last step
    finding.fix(Fix.of("Prove NOT NULL with a constraint validated separately", level,
        new TextEdit(statement.span().start(), statement.span().end(), replacement)));
  }
}
