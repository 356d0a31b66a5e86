package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.ObjectName;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.i18n.Text;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.CreateTableAs;
import dev.lockstep.parse.ast.Insert;
import dev.lockstep.parse.ast.RangeVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table split: columns of an existing table are copied into a new one ({@code INSERT ... SELECT},
 * or {@code CREATE TABLE ... AS SELECT}) and then dropped from the old one. The new table is created
 * earlier in the file or by an earlier migration (the history the lint replays). Done in one step,
 * the running application loses the columns at once and rows it writes after the copy are lost.
 * The transitional sequence keeps both tables in step with triggers while existing rows are copied
 * in batches, and drops the old columns only after the deploy. The copy locks each batch's source
 * rows FOR KEY SHARE, so a row deleted while its batch is copied is not copied after the trigger
 * removed it; ordinary updates are not blocked. Rows leave the new table before their old row goes
 * (a BEFORE trigger), so a foreign key from the new table to the old one does not stop the delete.
 * Names are compared as the schema model resolves them: {@code orders} and {@code public.orders}
 * are one table under the default search_path.
 */
public final class TableSplit {
  private TableSplit() {}

  /**
   * What the file moves: the copy's source and target tables, the copied key and columns (source to
   * target), the columns dropped, and how the new table is made: {@code create} is the SQL that creates
   * it empty, or null when an earlier migration ({@code createdBy}) created it.
   */
  private record Split(RangeVar from, RangeVar to, String sourceKey, String targetKey, List<String> sources,
      List<String> targets, List<String> moved, String create, String createdBy, boolean keyed) {}

  /**
   * The transitional sequence for {@code drop} (an ALTER TABLE of {@code table} dropping
   * {@code dropped}) when an earlier statement of the file copied {@code column} out of it into a
   * new table, keyed by a column that stays.
   */
  public static Optional<Rewrite> rewrite(MigrationContext context, Statement drop, RangeVar table,
      Set<String> dropped, String column) {
    return find(context, drop, table, dropped, column).map(TableSplit::sequence);
  }

  private static Optional<Split> find(MigrationContext context, Statement drop, RangeVar table,
      Set<String> dropped, String column) {
    List<Statement> statements = context.statements();
    for (int i = drop.index() - 1; i >= 0; i--) {
      Statement copying = statements.get(i);
      Optional<Insert.ColumnCopy> copy;
      RangeVar into;
      if (copying.node() instanceof Insert insert) {
        copy = insert.copiedFrom();
        into = insert.table();
      } else if (copying.node() instanceof CreateTableAs ctas && !ctas.withNoData()) {
        copy = ctas.copiedFrom();
        into = ctas.table();
      } else {
        continue;
      }
      if (copy.isEmpty() || !same(context, copy.get().from(), table) || !copy.get().sources().contains(column)) continue;
      int key = -1;
      List<String> moved = new ArrayList<>();
      for (int c = 0; c < copy.get().sources().size(); c++) {
        String source = copy.get().sources().get(c);
        if (dropped.contains(source)) moved.add(source);
        else if (key < 0) key = c;
      }
      if (key < 0) return Optional.empty();
      String targetKey = copy.get().targets().get(key);
      boolean keyed = keyed(context, into, targetKey);
      String create;
      String createdBy = null;
      if (copying.node() instanceof CreateTableAs) {
        create = emptyCopy(copying);
      } else {
        Optional<Statement> creation = creation(context, statements, i, into);
        if (creation.isPresent()) {
          create = creation.get().node() instanceof CreateTableAs ? emptyCopy(creation.get()) : creation.get().text() + ";";
        } else {
          // created by an earlier migration of the history the lint replayed, or not known at all
          Optional<SchemaModel.Table> earlier = context.table(into)
              .filter(t -> t.createdInHistory() && t.origin().earlierFile());
          if (earlier.isEmpty()) return Optional.empty();
          create = null;
          createdBy = earlier.get().origin().describe();
        }
      }
      return Optional.of(new Split(table, into, copy.get().sources().get(key), targetKey, copy.get().sources(),
          copy.get().targets(), moved, create, createdBy, keyed));
    }
    return Optional.empty();
  }

  /** The two names are one table, as the schema model resolves them at this point. */
  private static boolean same(MigrationContext context, RangeVar a, RangeVar b) {
    return context.model().resolve(a.schema(), a.name()).equals(context.model().resolve(b.schema(), b.name()));
  }

  /** The statement of this file, before {@code before}, that creates {@code table}. */
  private static Optional<Statement> creation(MigrationContext context, List<Statement> statements, int before,
      RangeVar table) {
    for (int i = before - 1; i >= 0; i--) {
      Statement s = statements.get(i);
      RangeVar created = s.node() instanceof CreateTable ct ? ct.table()
          : s.node() instanceof CreateTableAs ctas && !ctas.materializedView() ? ctas.table() : null;
      if (created != null && same(context, created, table)) return Optional.of(s);
    }
    return Optional.empty();
  }

  /** CREATE TABLE ... AS, made to create the table empty: the batched copy fills it. */
  private static String emptyCopy(Statement ctas) {
    String text = ctas.text().strip();
    if (((CreateTableAs) ctas.node()).withNoData()) return text + ";";
    return text.replaceFirst("(?i)\\s+WITH\\s+DATA$", "") + " WITH NO DATA;";
  }

  /** The new table has a primary key or unique constraint or index on the key alone (what ON CONFLICT needs). */
  private static boolean keyed(MigrationContext context, RangeVar table, String key) {
    ObjectName name = context.model().resolve(table.schema(), table.name());
    Optional<SchemaModel.Table> t = context.model().table(name);
    if (t.isPresent() && t.get().constraints().values().stream().anyMatch(c -> c.columns().equals(List.of(key))
        && (c.kind() == SchemaModel.ConstraintKind.PRIMARY_KEY || c.kind() == SchemaModel.ConstraintKind.UNIQUE))) {
      return true;
    }
    return context.model().indexesOn(name).stream().anyMatch(i -> i.unique() && i.columns().equals(List.of(key)));
  }

  private static Rewrite sequence(Split s) {
    String from = s.from().qualifiedName();
    String to = s.to().qualifiedName();
    String triggerName = s.from().name() + "_to_" + s.to().name();
    String sync = Sql.inSchemaOf(s.from(), triggerName);
    String targets = list(s.targets());
    String targetKey = Sql.quote(s.targetKey());
    String sourceKey = Sql.quote(s.sourceKey());
    String updates = s.targets().stream().filter(t -> !t.equals(s.targetKey()))
        .map(t -> Sql.quote(t) + " = EXCLUDED." + Sql.quote(t)).collect(Collectors.joining(", "));
    // ON CONFLICT needs a unique key on the new table: one the migrations do not give it is added here
    String key = s.keyed() ? "" : Sql.alterTable(s.to(), "ADD PRIMARY KEY (" + targetKey + ")") + "\n";
    String trigger = "CREATE FUNCTION " + sync + "() RETURNS trigger LANGUAGE plpgsql AS $sync$\nBEGIN\n"
        + "  IF TG_WHEN = 'BEFORE' THEN\n"
        + "    DELETE FROM " + to + " WHERE " + targetKey + " = OLD." + sourceKey
        + " AND (TG_OP = 'DELETE' OR OLD." + sourceKey + " IS DISTINCT FROM NEW." + sourceKey + ");\n"
        + "    IF TG_OP = 'DELETE' THEN\n      RETURN OLD;\n    END IF;\n    RETURN NEW;\n  END IF;\n"
        + "  INSERT INTO " + to + " (" + targets + ")\n    VALUES (" + s.sources().stream()
            .map(c -> "NEW." + Sql.quote(c)).collect(Collectors.joining(", ")) + ")\n"
        + "    ON CONFLICT (" + targetKey + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates) + ";\n"
        + "  RETURN NEW;\nEND\n$sync$;\n"
        + "CREATE TRIGGER " + Sql.quote(triggerName + "_before") + " BEFORE UPDATE OR DELETE ON " + from
        + "\n  FOR EACH ROW EXECUTE FUNCTION " + sync + "();\n"
        + "CREATE TRIGGER " + Sql.quote(triggerName) + " AFTER INSERT OR UPDATE ON " + from
        + "\n  FOR EACH ROW EXECUTE FUNCTION " + sync + "();";
    String batch = "INSERT INTO " + to + " (" + targets + ")\n  SELECT " + list(s.sources()) + " FROM " + from
        + " WHERE " + sourceKey + " BETWEEN batch_start AND batch_end FOR KEY SHARE\n  ON CONFLICT (" + targetKey
        + ") DO NOTHING";
    String copy = BatchedLoop.loop(s.from(), s.sourceKey(), batch, batch);
    String contract = "DROP TRIGGER " + Sql.quote(triggerName + "_before") + " ON " + from + ";\n"
        + "DROP TRIGGER " + Sql.quote(triggerName) + " ON " + from + ";\n"
        + "DROP FUNCTION " + sync + "();\n"
        + Sql.alterTable(s.from(), s.moved().stream().map(c -> "DROP COLUMN " + Sql.quote(c))
            .collect(Collectors.joining(", ")));
    List<Rewrite.Step> steps = new ArrayList<>();
    Text summary;
    if (s.create() != null) {
      summary = Text.of("Split %s in steps: create %s and triggers that repeat in it every insert, update and delete "
              + "on %s (keyed by %s, which needs a primary key or unique constraint on %s), copy the existing rows in "
              + "batches that commit one by one (outside a transaction block), deploy the application reading and "
              + "writing %s, and only then drop the triggers and the old columns",
          from, to, from, s.sourceKey(), s.targetKey(), to);
      steps.add(new Rewrite.Step("the first migration: the new table", s.create() + (key.isEmpty() ? "" : "\n"
          + key.strip())));
      steps.add(new Rewrite.Step(Text.of("the same migration: triggers that keep %s in step with %s", to, from),
          trigger));
    } else {
      summary = Text.of("Split %s in steps: %s exists already (created by %s); add triggers that repeat in it every "
              + "insert, update and delete on %s (keyed by %s, which needs a primary key or unique constraint on %s), "
              + "copy the existing rows in batches that commit one by one (outside a transaction block), deploy the "
              + "application reading and writing %s, and only then drop the triggers and the old columns",
          from, to, s.createdBy(), from, s.sourceKey(), s.targetKey(), to);
      steps.add(new Rewrite.Step(Text.of("the first migration: triggers that keep %s in step with %s", to, from),
          key + trigger));
    }
    steps.add(new Rewrite.Step("then, outside a transaction block: copy the existing rows in batches", copy));
    steps.add(new Rewrite.Step(Text.of("deploy: the application reads and writes %s", to), "-- application change"));
    steps.add(new Rewrite.Step(Text.of("a later migration, after every deploy reads and writes %s", to), contract));
    return Rewrite.of(summary, steps.toArray(Rewrite.Step[]::new));
  }

  private static String list(List<String> columns) {
    return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
  }
}
