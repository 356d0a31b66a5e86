package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.RangeVar;

/** The shared fix of the NOT VALID rules: add NOT VALID, then VALIDATE as a statement of its own. */
public final class NotValidFix {
  private NotValidFix() {}

  /**
   * Appends NOT VALID to the constraint clause and a VALIDATE statement after the statement.
   * Unsafe: if rows violate the constraint the migration now fails at VALIDATE, leaving the
   * NOT VALID constraint in place. Only shown inside a transaction block, where VALIDATE would
   * still run under the ADD's lock.
   */
  public static Fix of(Statement statement, MigrationContext context, Constraint constraint, RangeVar table, String name) {
    int clauseEnd = statement.clauseEnd(statement.offsetOf(constraint.location()));
    Applicability level = context.inTransaction(statement) ? Applicability.DISPLAY_ONLY : Applicability.UNSAFE;
    return Fix.of("Add NOT VALID and validate in a separate statement", level,
        TextEdit.insert(clauseEnd, " NOT VALID"),
        TextEdit.insert(statement.span().end(), ";\nALTER TABLE " + table.qualifiedName() + " VALIDATE CONSTRAINT "
            + Sql.quote(name)));
  }
}
