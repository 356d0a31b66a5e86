package dev.lockstep.rules.support;

import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.RangeVar;

/** Builds the SQL of rewrites from the statement's own text and names. */
public final class Sql {
  private Sql() {}

  /** The statement's text with {@code insert} placed just after the first {@code word}; -1 if absent. */
  public static String insertAfterWord(Statement statement, String word, String insert) {
    int at = statement.endOfWord(word);
    if (at < 0) return null;
    String text = statement.source().text();
    return text.substring(statement.span().start(), at) + insert + text.substring(at, statement.span().end());
  }

  /** {@code ALTER TABLE t clause;}. */
  public static String alterTable(RangeVar table, String clause) {
    return "ALTER TABLE " + table.qualifiedName() + " " + clause + ";";
  }

  /** A string constant: 'it''s'. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  public static String quote(String identifier) {
    return Identifiers.quote(identifier);
  }

  /** An object in the schema of {@code table}: {@code schema.name} or {@code name}. */
  public static String inSchemaOf(RangeVar table, String name) {
    return table.schema() == null ? Identifiers.quote(name) : Identifiers.quote(table.schema()) + "." + Identifiers.quote(name);
  }

  /** PostgreSQL's name for an unnamed constraint: table_column_suffix, shortened to 63 bytes. */
  public static String defaultConstraintName(String table, String column, String suffix) {
    String middle = column == null ? "" : column;
    int available = 63 - suffix.length() - 1 - (middle.isEmpty() ? 0 : 1);
    int t = table.length();
    int c = middle.length();
    while (t + c > available) {
      if (t > c) t--;
      else c--;
    }
    return table.substring(0, t) + (middle.isEmpty() ? "" : "_" + middle.substring(0, c)) + "_" + suffix;
  }
}
