package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.i18n.Text;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.Insert;
import dev.lockstep.parse.ast.RangeVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table split: the file creates a table, copies columns of an existing table into it with
 * {@code INSERT ... SELECT} and then drops them from the old one. Done in one step, the running
 * application loses the columns at once and rows it writes after the copy are lost. The
 * transitional sequence keeps both tables in step with a trigger while existing rows are copied
 * in batches, and drops the old columns only after the deploy. The copy locks each batch's source
 * rows FOR KEY SHARE, so a row deleted while its batch is copied is not copied after the trigger
 * removed it; ordinary updates are not blocked.
 */
public final class TableSplit {
  private TableSplit() {}

  /** What the file moves: new table, its CREATE TABLE, the copied key and columns (source to target). */
  private record Split(Statement create, RangeVar from, RangeVar to, String sourceKey, String targetKey,
      List<String> sources, List<String> targets, List<String> moved) {}

  /**
   * The transitional sequence for {@code drop} (an ALTER TABLE of {@code table} dropping
   * {@code dropped}) when an earlier statement of the file copied {@code column} out of it into a
   * table the file creates, keyed by a column that stays.
   */
  public static Optional<Rewrite> rewrite(MigrationContext context, Statement drop, RangeVar table,
      Set<String> dropped, String column) {
    return find(context, drop, table, dropped, column).map(TableSplit::sequence);
  }

  private static Optional<Split> find(MigrationContext context, Statement drop, RangeVar table,
      Set<String> dropped, String column) {
    List<Statement> statements = context.statements();
    for (int i = drop.index() - 1; i >= 0; i--) {
      if (!(statements.get(i).node() instanceof Insert insert)) continue;
      Optional<Insert.ColumnCopy> copy = insert.copiedFrom();
      if (copy.isEmpty() || !copy.get().from().key().equals(table.key())
          || !copy.get().sources().contains(column)) continue;
      Optional<Statement> create = creation(statements, i, insert.table());
      int key = -1;
      List<String> moved = new ArrayList<>();
      for (int c = 0; c < copy.get().sources().size(); c++) {
        String source = copy.get().sources().get(c);
        if (dropped.contains(source)) moved.add(source);
        else if (key < 0) key = c;
      }
      if (create.isEmpty() || key < 0) return Optional.empty();
      return Optional.of(new Split(create.get(), table, insert.table(), copy.get().sources().get(key),
          copy.get().targets().get(key), copy.get().sources(), copy.get().targets(), moved));
    }
    return Optional.empty();
  }

  private static Optional<Statement> creation(List<Statement> statements, int before, RangeVar table) {
    for (int i = before - 1; i >= 0; i--) {
      if (statements.get(i).node() instanceof CreateTable create && create.table().key().equals(table.key())) {
        return Optional.of(statements.get(i));
      }
    }
    return Optional.empty();
  }

  private static Rewrite sequence(Split s) {
    String from = s.from().qualifiedName();
    String to = s.to().qualifiedName();
    String sync = Sql.inSchemaOf(s.from(), s.from().name() + "_to_" + s.to().name());
    String targets = list(s.targets());
    String targetKey = Sql.quote(s.targetKey());
    String sourceKey = Sql.quote(s.sourceKey());
    String updates = s.targets().stream().filter(t -> !t.equals(s.targetKey()))
        .map(t -> Sql.quote(t) + " = EXCLUDED." + Sql.quote(t)).collect(Collectors.joining(", "));
    String trigger = "CREATE FUNCTION " + sync + "() RETURNS trigger LANGUAGE plpgsql AS $sync$\nBEGIN\n"
        + "  IF TG_OP IN ('UPDATE', 'DELETE') THEN\n"
        + "    DELETE FROM " + to + " WHERE " + targetKey + " = OLD." + sourceKey
        + " AND (TG_OP = 'DELETE' OR OLD." + sourceKey + " IS DISTINCT FROM NEW." + sourceKey + ");\n"
        + "  END IF;\n  IF TG_OP = 'DELETE' THEN\n    RETURN OLD;\n  END IF;\n"
        + "  INSERT INTO " + to + " (" + targets + ")\n    VALUES (" + s.sources().stream()
            .map(c -> "NEW." + Sql.quote(c)).collect(Collectors.joining(", ")) + ")\n"
        + "    ON CONFLICT (" + targetKey + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates) + ";\n"
        + "  RETURN NEW;\nEND\n$sync$;\n"
        + "CREATE TRIGGER " + Sql.quote(s.from().name() + "_to_" + s.to().name())
        + " AFTER INSERT OR UPDATE OR DELETE ON " + from + "\n  FOR EACH ROW EXECUTE FUNCTION " + sync + "();";
    String copy = "DO $copy$\nDECLARE\n  batch_start " + from + "." + sourceKey + "%TYPE;\n  batch_end " + from + "."
        + sourceKey + "%TYPE;\nBEGIN\n  SELECT " + sourceKey + " INTO batch_start FROM " + from + " ORDER BY "
        + sourceKey + " LIMIT 1;\n  WHILE batch_start IS NOT NULL LOOP\n    SELECT " + sourceKey + " INTO batch_end\n"
        + "      FROM (SELECT " + sourceKey + " FROM " + from + " WHERE " + sourceKey + " >= batch_start ORDER BY "
        + sourceKey + " LIMIT " + BatchedLoop.BATCH_ROWS + ") AS batch ORDER BY " + sourceKey + " DESC LIMIT 1;\n"
        + "    INSERT INTO " + to + " (" + targets + ")\n      SELECT " + list(s.sources()) + " FROM " + from
        + " WHERE " + sourceKey + " BETWEEN batch_start AND batch_end FOR KEY SHARE\n      ON CONFLICT (" + targetKey
        + ") DO NOTHING;\n    COMMIT;\n    SELECT " + sourceKey + " INTO batch_start FROM " + from + " WHERE "
        + sourceKey + " > batch_end ORDER BY " + sourceKey + " LIMIT 1;\n  END LOOP;\nEND\n$copy$;";
    String contract = "DROP TRIGGER " + Sql.quote(s.from().name() + "_to_" + s.to().name()) + " ON " + from + ";\n"
        + "DROP FUNCTION " + sync + "();\n"
        + Sql.alterTable(s.from(), s.moved().stream().map(c -> "DROP COLUMN " + Sql.quote(c))
            .collect(Collectors.joining(", ")));
    return Rewrite.of(Text.of("Split %s in steps: create %s and a trigger that repeats in it every insert, update "
            + "and delete on %s (keyed by %s, which needs a primary key or unique constraint on %s), copy "
            + "the existing rows in batches that commit one by one (outside a transaction block), deploy the "
            + "application reading and writing %s, and only then drop the trigger and the old columns",
            from, to, from, s.sourceKey(), s.targetKey(), to),
        new Rewrite.Step("the first migration: the new table", s.create().text() + ";"),
        new Rewrite.Step(Text.of("the same migration: a trigger that keeps %s in step with %s", to, from), trigger),
        new Rewrite.Step("then, outside a transaction block: copy the existing rows in batches", copy),
        new Rewrite.Step(Text.of("deploy: the application reads and writes %s", to), "-- application change"),
        new Rewrite.Step(Text.of("a later migration, after every deploy reads and writes %s", to), contract));
  }

  private static String list(List<String> columns) {
    return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
  }
}
