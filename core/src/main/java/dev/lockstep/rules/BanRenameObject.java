package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.ObjectName;
import dev.lockstep.engine.Origin;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterEnum;
import dev.lockstep.parse.ast.AlterObjectSchema;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.CreateFunction;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Rename;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renames, beyond tables and columns, of objects that running code names: a schema, a view or
 * materialized view, a function or procedure, an enum value. Each has its own expand/contract path.
 */
@RuleInfo(id = "ban-rename-object",
    title = "Renaming a schema, view, function or enum value, or moving an object to another schema, breaks the application version that is still running",
    severity = Severity.ERROR)
public final class BanRenameObject implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof AlterEnum alter && !alter.addsValue()) {
      enumValue(statement, alter, context, out);
    } else if (statement.node() instanceof AlterObjectSchema move) {
      switch (move.objectType()) {
        case TABLE, VIEW, MATVIEW -> movedRelation(statement, move, context, out);
        case FUNCTION, PROCEDURE, ROUTINE -> movedFunction(statement, move, context, out);
        default -> { }
      }
    } else if (statement.node() instanceof Rename rename) {
      switch (rename.objectType()) {
        case SCHEMA -> schema(statement, rename, context, out);
        case VIEW, MATVIEW -> view(statement, rename, context, out);
        case FUNCTION, PROCEDURE, ROUTINE -> function(statement, rename, context, out);
        default -> { }
      }
    }
  }

  private void enumValue(Statement statement, AlterEnum alter, MigrationContext context, Findings out) {
    ObjectName type = ObjectName.of(alter.typeName());
    var known = context.model().enumType(type);
    if (known.map(t -> madeByThisFile(t.origin())).orElse(false)) return; // nobody uses the type yet
    if (known.map(t -> t.values().get(alter.oldValue())).map(v -> madeByThisFile(v.origin())).orElse(false)) return;
    String typeName = quoted(alter.typeName());
    String oldValue = Sql.literal(alter.oldValue());
    String newValue = Sql.literal(alter.newValue());
    out.report(this, statement)
        .message("Renaming the value %s of %s to %s breaks the running application: its inserts and comparisons "
            + "with %s fail (invalid input value for enum) until the new version is deployed", oldValue, typeName,
            newValue, oldValue)
        .rewrite(Rewrite.of("Add the new value next to the old one, move the code and the rows to it, and leave "
                + "the old value unused (PostgreSQL cannot drop an enum value; recreating the type rewrites "
                + "every table that uses it)",
            new Rewrite.Step("migration 1 (expand)", "ALTER TYPE " + typeName + " ADD VALUE IF NOT EXISTS "
                + newValue + " AFTER " + oldValue + ";"),
            new Rewrite.Step("deploy: the application writes the new value and reads both",
                "-- both values mean the same"),
            new Rewrite.Step("migration 2 (backfill in batches, one transaction per batch), for each column of the type",
                "UPDATE table_name SET column_name = " + newValue + " WHERE id IN (SELECT id FROM table_name WHERE "
                    + "column_name = " + oldValue + " LIMIT 10000);")));
  }

  private void schema(Statement statement, Rename rename, MigrationContext context, Findings out) {
    if (context.model().schema(rename.oldName()).map(BanRenameObject::madeByThisFile).orElse(false)) return;
    String oldName = Identifiers.quote(rename.oldName());
    String newName = Identifiers.quote(rename.newName());
    out.report(this, statement)
        .message("Renaming schema %s to %s breaks every query, search_path and grant of the running application "
            + "that names %s until the new version is deployed", oldName, newName, oldName)
        .rewrite(Rewrite.of("PostgreSQL has no alias for a schema: create the new schema, move each table into it "
                + "and leave an updatable view under the old name in the same transaction, then drop the old "
                + "schema once no deployed code names it",
            new Rewrite.Step("migration 1 (expand)", "CREATE SCHEMA IF NOT EXISTS " + newName + ";"),
            new Rewrite.Step("migration 2, one short transaction per table (brief ACCESS EXCLUSIVE)",
                "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE " + oldName + ".table_name SET SCHEMA " + newName
                    + ";\nCREATE VIEW " + oldName + ".table_name AS SELECT * FROM " + newName + ".table_name;\nCOMMIT;"),
            new Rewrite.Step("deploy: the application names only the new schema (queries and search_path)",
                "-- nothing to run"),
            new Rewrite.Step("migration 3 (contract)", "DROP SCHEMA " + oldName + " CASCADE; -- only the views are left")));
  }

  private void view(Statement statement, Rename rename, MigrationContext context, Findings out) {
    if (context.createdEarlier(rename.table(), statement)) return;
    boolean materialized = rename.objectType() == ObjectType.MATVIEW;
    String view = rename.table().qualifiedName();
    String renamed = Sql.inSchemaOf(rename.table(), rename.newName());
    out.report(this, statement)
        .message(materialized
            ? "Renaming materialized view %s to %s breaks every query of the running application that still reads "
                + "%s until the new version is deployed"
            : "Renaming view %s to %s breaks every query of the running application that still uses %s until the "
                + "new version is deployed", view, renamed, view)
        .lock(MeasuredCases.get(materialized ? "rename-materialized-view" : "rename-view").on(view))
        .rewrite(Rewrite.of(materialized
                ? "Rename and keep the old name as a plain view of the renamed one in the same transaction: "
                    + "readers keep working (a REFRESH must name the new name). Drop the view once no deployed "
                    + "code uses the old name"
                : "Rename and keep the old name as a view of the renamed one in the same transaction: a view of "
                    + "a simple view is updatable too, so old code keeps reading and writing. Drop it once no "
                    + "deployed code uses the old name",
            new Rewrite.Step("one migration, one transaction",
                "BEGIN;\nSET LOCAL lock_timeout = '2s';\n" + statement.text() + ";\nCREATE VIEW " + view
                    + " AS SELECT * FROM " + renamed + ";\nCOMMIT;"),
            new Rewrite.Step("a later migration, after every deploy uses the new name", "DROP VIEW " + view + ";")));
  }

  private void function(Statement statement, Rename rename, MigrationContext context, Findings out) {
    List<String> name = rename.objectName();
    if (createdInThisFile(name, statement, context)) return;
    String function = quoted(name);
    String renamed = name.size() > 1 ? Identifiers.quote(name.get(0)) + "." + Identifiers.quote(rename.newName())
        : Identifiers.quote(rename.newName());
    out.report(this, statement)
        .message("Renaming %s to %s breaks every call of the running application, and every trigger, default and "
            + "view body that names %s, until the new version is deployed", function, renamed, function)
        .rewrite(Rewrite.of("Create the new name as a copy of the function, move the callers to it, then drop the "
                + "old name",
            new Rewrite.Step("migration 1 (expand): the same arguments, result and body as the old function",
                "-- a copy of the old function (pg_get_functiondef shows it)\nCREATE FUNCTION " + renamed + "(...) ..."),
            new Rewrite.Step("deploy: the application, triggers and views call only the new name",
                "-- nothing to run"),
            new Rewrite.Step("migration 2 (contract)", "DROP " + kind(rename) + " " + function + ";")));
  }

  private void movedRelation(Statement statement, AlterObjectSchema move, MigrationContext context, Findings out) {
    RangeVar relation = move.relation();
    if (relation == null || context.createdEarlier(relation, statement)) return;
    String old = relation.qualifiedName();
    String moved = Identifiers.quote(move.newSchema()) + "." + Identifiers.quote(relation.name());
    var finding = out.report(this, statement)
        .message("Moving %s to schema %s breaks every query of the running application that still names %s, or "
            + "finds it through its search_path, until the new version is deployed", old,
            Identifiers.quote(move.newSchema()), old)
        .rewrite(Rewrite.of("Move it and keep the old name as a view of the moved one in the same transaction: a "
                + "simple view is updatable, so old code keeps reading and writing through it. Drop the view once "
                + "no deployed code uses the old name",
            new Rewrite.Step("one migration, one transaction",
                "BEGIN;\nSET LOCAL lock_timeout = '2s';\n" + statement.text() + ";\nCREATE VIEW " + old
                    + " AS SELECT * FROM " + moved + ";\nCOMMIT;"),
            new Rewrite.Step("a later migration, after every deploy uses the new name", "DROP VIEW " + old + ";")));
    if (move.objectType() == ObjectType.TABLE) finding.lock(MeasuredCases.get("set-schema").on(old));
  }

  private void movedFunction(Statement statement, AlterObjectSchema move, MigrationContext context, Findings out) {
    List<String> name = move.objectName();
    if (name.isEmpty() || createdInThisFile(name, statement, context)) return;
    String function = quoted(name);
    String moved = Identifiers.quote(move.newSchema()) + "." + Identifiers.quote(name.get(name.size() - 1));
    out.report(this, statement)
        .message("Moving %s to schema %s breaks every call of the running application that names %s, until the "
            + "new version is deployed", function, Identifiers.quote(move.newSchema()), function)
        .rewrite(Rewrite.of("Create the function in the new schema as a copy, move the callers to it, then drop the "
                + "old one",
            new Rewrite.Step("migration 1 (expand): the same arguments, result and body as the old function",
                "-- a copy of the old function (pg_get_functiondef shows it)\nCREATE FUNCTION " + moved + "(...) ..."),
            new Rewrite.Step("deploy: the application, triggers and views call only the new name",
                "-- nothing to run"),
            new Rewrite.Step("migration 2 (contract)", "DROP " + (move.objectType() == ObjectType.PROCEDURE
                ? "PROCEDURE" : move.objectType() == ObjectType.ROUTINE ? "ROUTINE" : "FUNCTION") + " " + function
                + ";")));
  }

  private static String kind(Rename rename) {
    return rename.objectType() == ObjectType.PROCEDURE ? "PROCEDURE"
        : rename.objectType() == ObjectType.ROUTINE ? "ROUTINE" : "FUNCTION";
  }

  /** A function or procedure created earlier in this file: nobody calls it yet. */
  private static boolean createdInThisFile(List<String> name, Statement statement, MigrationContext context) {
    for (Statement earlier : context.statements()) {
      if (earlier.index() >= statement.index()) break;
      if (earlier.node() instanceof CreateFunction created) {
        List<String> made = created.name();
        if (!made.isEmpty() && made.get(made.size() - 1).equals(name.get(name.size() - 1))) return true;
      }
    }
    return false;
  }

  private static boolean madeByThisFile(Origin origin) {
    return origin != null && !origin.earlierFile();
  }

  private static String quoted(List<String> parts) {
    return parts.stream().map(Identifiers::quote).collect(Collectors.joining("."));
  }
}
