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
import dev.lockstep.rules.support.SerialTypes;
import dev.lockstep.rules.support.Sql;
import java.util.Set;

@RuleInfo(id = "require-default-for-not-null-column",
    title = "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table with rows",
    severity = Severity.ERROR)
public final class RequireDefaultForNotNullColumn implements Rule {
  // These fill the column themselves.
  private static final Set<ConstraintType> SELF_FILLING = java.util.EnumSet.of(ConstraintType.DEFAULT,
      ConstraintType.IDENTITY, ConstraintType.GENERATED);

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.ADD_COLUMN || !(cmd.definition().orElse(null) instanceof ColumnDef column)) continue;
      boolean notNull = column.constraints().stream().anyMatch(k -> k.type() == ConstraintType.NOTNULL
          || k.type() == ConstraintType.PRIMARY);
      boolean filled = SerialTypes.isSerial(column.type().name())
          || column.constraints().stream().map(Constraint::type).anyMatch(SELF_FILLING::contains);
      if (!notNull || filled) continue;
      String table = alter.table().qualifiedName();
      String c = Sql.quote(column.name());
      String check = Sql.quote(Sql.defaultConstraintName(alter.table().name(), column.name(), "not_null_check"));
      out.report(this, statement)
          .message("ADD COLUMN %s NOT NULL without a DEFAULT fails with \"column %s of relation %s contains null values\" "
              + "as soon as %s has a row", c, column.name(), alter.table().name(), table)
          .rewrite(Rewrite.of("Give the column a constant DEFAULT (no rewrite on PostgreSQL 11+) if one value fits "
                  + "every existing row; otherwise add it nullable, backfill it in batches, and prove NOT NULL with a "
                  + "validated CHECK before SET NOT NULL",
              new Rewrite.Step("its own transaction", Sql.alterTable(alter.table(), "ADD COLUMN " + c + " "
                  + column.type().sql())),
              new Rewrite.Step("then backfill in batches, then a separate transaction",
                  Sql.alterTable(alter.table(), "ADD CONSTRAINT " + check + " CHECK (" + c + " IS NOT NULL) NOT VALID")),
              new Rewrite.Step("a separate transaction",
                  Sql.alterTable(alter.table(), "VALIDATE CONSTRAINT " + check) + "\n"
                      + Sql.alterTable(alter.table(), "ALTER COLUMN " + c + " SET NOT NULL") + "\n"
                      + Sql.alterTable(alter.table(), "DROP CONSTRAINT " + check))));
    }
  }
}
