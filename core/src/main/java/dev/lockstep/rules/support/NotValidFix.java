package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.Relocation;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.RangeVar;
import java.util.List;

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
        TextEdit.insert(statement.span().end(), ";\n" + validate(table, name).replace(";", "")));
  }

  /**
   * Inside the transaction the migration tool opens: NOT VALID here, VALIDATE in a new migration
   * ({@code lockstep fix --split}); null where the constraint cannot move (explicit BEGIN, DO block).
   */
  public static Relocation relocation(Statement statement, MigrationContext context, Constraint constraint,
                                      RangeVar table, String name) {
    if (!Relocations.possible(statement, context)) return null;
    int clauseEnd = statement.clauseEnd(statement.offsetOf(constraint.location()));
    return new Relocation("Add NOT VALID here and VALIDATE in a migration of its own",
        List.of(TextEdit.insert(clauseEnd, " NOT VALID")), validate(table, name), false, null, null,
        Relocations.slug("validate", name));
  }

  private static String validate(RangeVar table, String name) {
    return "ALTER TABLE " + table.qualifiedName() + " VALIDATE CONSTRAINT " + Sql.quote(name) + ";";
  }
}
