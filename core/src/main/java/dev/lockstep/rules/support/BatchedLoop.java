package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.i18n.Text;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.RangeVar;
import java.util.Optional;

/**
 * An UPDATE or DELETE of many rows as a DO block that walks the table's primary key in ranges and
 * commits after each one: every batch is a short transaction, so its row locks are released and
 * vacuum keeps up. PL/pgSQL may COMMIT only in a DO block run outside a transaction block (PostgreSQL
 * 11+). Ranges come from the key's own order (ORDER BY, not min/max, which uuid lacks), so integer,
 * uuid and text keys all work.
 */
public final class BatchedLoop {
  public static final int BATCH_ROWS = 10_000;
  /** The key assumed when the migrations read do not say which one the table has. */
  public static final String ASSUMED_KEY = "id";

  private BatchedLoop() {}

  /** The table's single-column primary key, as the migrations read declare it. */
  public static Optional<String> primaryKey(MigrationContext context, RangeVar table) {
    return context.table(table).flatMap(t -> t.constraints().values().stream()
        .filter(c -> c.kind() == SchemaModel.ConstraintKind.PRIMARY_KEY && c.columns().size() == 1)
        .map(c -> c.columns().get(0)).findFirst());
  }

  /** The loop that runs {@code statement} (an UPDATE or DELETE of {@code table}) one key range at a time. */
  public static String of(Statement statement, RangeVar table, String alias, String key) {
    String t = table.qualifiedName();
    String k = Sql.quote(key);
    String qualified = (alias != null ? Sql.quote(alias) : t) + "." + k;
    String range = qualified + " BETWEEN batch_start AND batch_end";
    String text = statement.text();
    int base = statement.span().start();
    int returning = statement.topLevelWord("RETURNING");
    int end = returning < 0 ? text.length() : returning - base; // a DO block cannot return rows
    int where = statement.topLevelWord("WHERE");
    String batch;
    if (where < 0) {
      batch = text.substring(0, end).stripTrailing() + "\n     WHERE " + range;
    } else {
      int condition = where - base + "WHERE".length();
      batch = text.substring(0, condition) + " (" + text.substring(condition, end).strip() + ")\n       AND " + range;
    }
    return loop(table, key, batch, text);
  }

  /**
   * A DO block that runs {@code batch} (a statement that reads the range batch_start .. batch_end of
   * {@code key}) for each range of {@code table}'s rows in key order, committing after each; its
   * dollar-quote tag occurs nowhere in {@code text}.
   */
  public static String loop(RangeVar table, String key, String batch, String text) {
    String t = table.qualifiedName();
    String k = Sql.quote(key);
    String tag = dollarTag(text);
    return "DO " + tag + "\nDECLARE\n  batch_start " + t + "." + k + "%TYPE;\n  batch_end " + t + "." + k + "%TYPE;\n"
        + "BEGIN\n  SELECT " + k + " INTO batch_start FROM " + t + " ORDER BY " + k + " LIMIT 1;\n"
        + "  WHILE batch_start IS NOT NULL LOOP\n"
        + "    SELECT " + k + " INTO batch_end\n      FROM (SELECT " + k + " FROM " + t + " WHERE " + k
        + " >= batch_start ORDER BY " + k + " LIMIT " + BATCH_ROWS + ") AS batch ORDER BY " + k + " DESC LIMIT 1;\n    "
        + batch.replace("\n", "\n    ") + ";\n    COMMIT;\n    SELECT " + k + " INTO batch_start FROM " + t
        + " WHERE " + k + " > batch_end ORDER BY " + k + " LIMIT 1;\n  END LOOP;\nEND\n" + tag + ";";
  }

  /** The statement as a loop over key ranges that commits after each batch. */
  public static Rewrite rewrite(Statement statement, MigrationContext context, RangeVar table, String runs) {
    var key = primaryKey(context, table);
    String t = table.qualifiedName();
    String loop = of(statement, table, table.alias(), key.orElse(ASSUMED_KEY));
    Rewrite.Step step = new Rewrite.Step(runs, loop);
    return key.isPresent()
        ? Rewrite.of(Text.of("Change the rows in batches: this loop walks %s's primary key %s in ranges of %s "
            + "rows and commits after each range, so no transaction holds many row locks for long and vacuum keeps up. "
            + "PL/pgSQL can commit only when the DO block runs outside a transaction block (psql, or a migration its "
            + "tool runs without a transaction)", t, Sql.quote(key.get()), BATCH_ROWS), step)
        : Rewrite.of(Text.of("Change the rows in batches: this loop walks %s by its column %s in ranges of %s "
            + "rows and commits after each range, so no transaction holds many row locks for long and vacuum keeps up. "
            + "The migrations read do not create %s, so its primary key is assumed to be %s: put the key column in its "
            + "place if it is another. PL/pgSQL can commit only when the DO block runs outside a transaction block "
            + "(psql, or a migration its tool runs without a transaction)", t, ASSUMED_KEY,
            BATCH_ROWS, t, ASSUMED_KEY), step);
  }

  /** A dollar-quote tag that does not occur in the statement. */
  private static String dollarTag(String text) {
    String tag = "$batch$";
    for (int i = 2; text.contains(tag); i++) tag = "$batch" + i + "$";
    return tag;
  }
}
