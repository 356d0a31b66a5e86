package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.ObjectName;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.ColumnDef;
import dev.lockstep.parse.ast.Constraint;
import dev.lockstep.parse.ast.ConstraintType;
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A foreign key whose referencing columns lead no index: every DELETE or key UPDATE on the
 * referenced table scans the referencing one. Indexes are looked for in the history (the schema
 * model) and later in the same file; a key of the table counts too.
 */
@RuleInfo(id = "require-index-for-foreign-key",
    title = "Index the referencing columns of a foreign key",
    severity = Severity.HINT, enabledByDefault = false)
public final class RequireIndexForForeignKey implements Rule {
  /**
   * One foreign key; {@code added} when ALTER TABLE ... ADD CONSTRAINT adds it to a table, whose
   * measured locks the finding then states.
   */
  private record ForeignKey(List<String> columns, RangeVar referenced, boolean added, boolean notValid) {}

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    RangeVar table;
    List<ForeignKey> keys = new ArrayList<>();
    List<List<String>> declaredKeys = new ArrayList<>();
    if (statement.node() instanceof CreateTable create && !create.partitionOf()) {
      table = create.table();
      for (ColumnDef column : create.columns()) {
        for (Constraint c : column.constraints()) collect(c, List.of(column.name()), keys, declaredKeys);
      }
      for (Constraint c : create.constraints()) collect(c, c.columns(), keys, declaredKeys);
    } else if (statement.node() instanceof AlterTable alter) {
      table = alter.table();
      for (AlterTableCmd cmd : alter.commands()) {
        if (cmd.subtype() == AlterTableType.ADD_CONSTRAINT && cmd.definition().orElse(null) instanceof Constraint c) {
          if (c.type() == ConstraintType.FOREIGN) keys.add(new ForeignKey(c.columns(), c.referencedTable(), true, c.notValid()));
          else collect(c, c.columns(), keys, declaredKeys);
        } else if (cmd.subtype() == AlterTableType.ADD_COLUMN && cmd.definition().orElse(null) instanceof ColumnDef d) {
          for (Constraint c : d.constraints()) collect(c, List.of(d.name()), keys, declaredKeys);
        }
      }
    } else {
      return;
    }
    boolean newTable = statement.node() instanceof CreateTable || context.createdEarlier(table, statement);
    for (ForeignKey fk : keys) {
      if (fk.columns().isEmpty() || covered(fk.columns(), declaredKeys)) continue;
      if (indexedEarlier(table, fk.columns(), context) || indexedLater(table, fk.columns(), statement, context)) continue;
      String columns = fk.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
      String index = Identifiers.quote(table.name() + "_" + String.join("_", fk.columns()) + "_idx");
      String qualifiedIndex = table.schema() != null ? Identifiers.quote(table.schema()) + "." + index : index;
      var finding = out.report(this, statement)
          .message("No index leads with the foreign key columns (%s) of %s: every DELETE on %s, and every UPDATE of "
              + "its key, scans %s to look for referencing rows, and ON DELETE CASCADE does the same",
              columns, table.qualifiedName(), fk.referenced().qualifiedName(), table.qualifiedName())
          .rewrite(newTable ? Rewrite.of("The table is new: index the referencing columns right after creating it, "
                  + "before anything uses it",
              new Rewrite.Step("instead, in the same transaction", statement.text() + ";\nCREATE INDEX " + index
                  + " ON " + table.qualifiedName() + " (" + columns + ");"))
              : Rewrite.of("Index the referencing columns without blocking writes (a separate migration, since "
                  + "CONCURRENTLY cannot run in a transaction block)",
              new Rewrite.Step("outside a transaction block",
                  "CREATE INDEX CONCURRENTLY " + index + " ON " + table.qualifiedName() + " (" + columns + ");"),
              new Rewrite.Step("only if the build failed, then retry",
                  "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedIndex + ";")));
      if (fk.added() && !newTable) {
        finding.lock(MeasuredCases.get(fk.notValid() ? "add-fk-not-valid" : "add-fk")
            .on(table.qualifiedName(), fk.referenced().qualifiedName()));
      }
    }
  }

  private static void collect(Constraint c, List<String> columns, List<ForeignKey> keys, List<List<String>> declared) {
    if (c.type() == ConstraintType.FOREIGN) keys.add(new ForeignKey(columns, c.referencedTable(), false, false));
    if (c.type() == ConstraintType.PRIMARY || c.type() == ConstraintType.UNIQUE) declared.add(columns);
  }

  /** An index or key whose leading columns are the foreign key's columns, in any order, serves its lookups. */
  private static boolean covered(List<String> fk, List<List<String>> indexes) {
    for (List<String> index : indexes) {
      if (index != null && index.size() >= fk.size() && index.subList(0, fk.size()).stream().noneMatch(java.util.Objects::isNull)
          && new java.util.HashSet<>(index.subList(0, fk.size())).equals(new java.util.HashSet<>(fk))) {
        return true;
      }
    }
    return false;
  }

  private static boolean indexedEarlier(RangeVar table, List<String> fk, MigrationContext context) {
    ObjectName name = new ObjectName(table.schema(), table.name());
    List<List<String>> known = new ArrayList<>();
    for (SchemaModel.Index i : context.model().indexesOn(name)) if (i.valid()) known.add(i.columns());
    context.model().table(name).ifPresent(t -> t.constraints().values().stream()
        .filter(SchemaModel.TableConstraint::hasIndex).forEach(k -> known.add(k.columns())));
    return covered(fk, known);
  }

  private static boolean indexedLater(RangeVar table, List<String> fk, Statement statement, MigrationContext context) {
    ObjectName name = new ObjectName(table.schema(), table.name());
    List<List<String>> later = new ArrayList<>();
    for (Statement s : context.statements()) {
      if (s.index() > statement.index() && s.node() instanceof CreateIndex i && new ObjectName(i.table().schema(), i.table().name()).equals(name)) {
        later.add(i.columns());
      }
    }
    return covered(fk, later);
  }
}
