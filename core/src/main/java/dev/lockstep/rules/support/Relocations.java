package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.fix.Relocation;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Building {@link Relocation}s: which statements can move to a new migration, and the text that moves. */
public final class Relocations {
  /**
   * Comment lines that belong to the migration tool, not to the statement below them: goose, dbmate,
   * Liquibase and Flyway markers, Drizzle's statement breakpoint, node-pg-migrate's section comments
   * and postgres-migrations' opt-out line.
   */
  private static final Pattern TOOL_MARKER = Pattern.compile(
      "(?i)--(\\s*(\\+goose|migrate:|changeset|liquibase|rollback|preconditions|comment:|flyway:|lockstep-ignore-file"
          + "|postgres-migrations)|>\\s*statement-breakpoint|[\\s-]*(up|down)\\s+migration).*");

  private Relocations() {}

  /**
   * Only a top-level statement in the transaction the migration tool opens can move: one inside
   * BEGIN ... COMMIT written in the file, or inside a DO block or function, stays for a human.
   */
  public static boolean possible(Statement statement, MigrationContext context) {
    return statement.enclosingIndex() < 0 && context.inTransaction(statement) && !context.inExplicitBlock(statement);
  }

  /** Moves the statement (with the comment lines right above it) to a new migration as {@code sql}. */
  public static Relocation move(Statement statement, String title, String sql, boolean outsideTransaction,
                                String object, String undo, String slug) {
    String text = statement.source().text();
    int from = commentStart(text, statement.span().start());
    int to = removalEnd(text, statement.span().end());
    String comments = text.substring(from, statement.span().start());
    return new Relocation(title, List.of(TextEdit.delete(from, to)), comments + sql, outsideTransaction, object, undo,
        slug);
  }

  /** The start of the statement's line, or of the comment lines directly above it, if nothing else is on them. */
  static int commentStart(String text, int statementStart) {
    int lineStart = text.lastIndexOf('\n', statementStart - 1) + 1;
    if (!text.substring(lineStart, statementStart).isBlank()) return statementStart;
    int from = lineStart;
    while (from > 0) {
      int prevStart = text.lastIndexOf('\n', from - 2) + 1;
      String line = text.substring(prevStart, from - 1).strip();
      if (!line.startsWith("--") || TOOL_MARKER.matcher(line).matches()) break;
      from = prevStart;
    }
    return from;
  }

  /** After the terminating semicolon and, when only blanks follow it on the line, the line break too. */
  static int removalEnd(String text, int statementEnd) {
    int i = statementEnd;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    if (i < text.length() && text.charAt(i) == ';') i++;
    int j = i;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) j++;
    if (j < text.length() && text.charAt(j) == '\n') return j + 1;
    return j == text.length() ? j : i;
  }

  /** A file-name-friendly version of an SQL name. */
  public static String slug(String... parts) {
    String joined = String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return joined.replaceAll("^_+|_+$", "");
  }
}
