package dev.lockstep.rules.support;

import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Constraint;

/**
 * For a constraint written on a new column (ADD COLUMN c int CHECK ..., REFERENCES ..., UNIQUE):
 * the safe rewrites add the column bare first, then constrain it the safe way, so the statement
 * without that clause is their first step.
 */
public final class ColumnConstraints {
  private ColumnConstraints() {}

  /** The statement without the constraint's clause, with its semicolon. */
  public static String addColumnWithout(Statement statement, Constraint c) {
    String text = statement.source().text();
    int from = statement.offsetOf(c.location());
    int to = statement.clauseEnd(from);
    String sql = text.substring(statement.span().start(), from) + text.substring(to, statement.span().end());
    return sql.replaceAll("[ \\t]+(?=[,)]|$)", "").replaceAll("[ \\t]{2,}", " ") + ";";
  }
}
