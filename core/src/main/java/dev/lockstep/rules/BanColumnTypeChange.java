package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
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
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.TypeName;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;
import dev.lockstep.rules.support.TypeChanges;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(id = "ban-column-type-change",
    title = "ALTER COLUMN TYPE rewrites the table unless it only widens",
    severity = Severity.ERROR)
public final class BanColumnTypeChange implements Rule {
  /** Targets that are metadata-only when they widen the same type (varchar(n) to larger or text, numeric precision). */
  private static final Set<String> WIDENING_TARGETS = Set.of("varchar", "text", "numeric", "varbit", "bpchar");

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof AlterTable alter) || context.createdEarlier(alter.table(), statement)) return;
    if (alter.objectType() != ObjectType.TABLE) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() == AlterTableType.ALTER_COLUMN_TYPE && cmd.definition().orElse(null) instanceof ColumnDef def) {
        Optional<SchemaModel.Column> old = context.table(alter.table()).flatMap(t -> t.column(cmd.name()));
        if (old.isPresent() && def.using().isEmpty()) {
          TypeName type = def.type();
          TypeChanges.Verdict verdict = TypeChanges.judge(old.get().type(), type.name(), type.modifiers(), type.isArray());
          if (verdict == TypeChanges.Verdict.SAME || verdict == TypeChanges.Verdict.WIDENS) continue; // metadata only
          if (verdict != TypeChanges.Verdict.CONVERTS) {
            reportKnown(statement, alter.table(), cmd.name(), def, old.get(), verdict, out);
            continue;
          }
          if (utcTimestampChange(statement, context, old.get(), type)) {
            // PostgreSQL 12+ relabels timestamp as timestamptz when the session's zone is UTC; only
            // indexes on the column are rebuilt (measured: type-timestamp-to-tz-utc).
            List<String> indexes = indexesOn(context, alter.table(), cmd.name());
            SchemaModel.Table table = context.table(alter.table()).orElseThrow();
            if (indexes.isEmpty() && table.createdInHistory()) continue; // metadata only
            if (!indexes.isEmpty()) {
              reportIndexRebuild(statement, alter.table(), cmd.name(), def, indexes, out);
              continue;
            }
          }
        }
        report(statement, alter.table(), cmd.name(), def, out);
      }
    }
  }

  /** Session time zones with a fixed zero offset, written as migrations write them (checked on a server). */
  private static final Set<String> UTC_ZONES = Set.of("utc", "etc/utc", "gmt", "etc/gmt");

  private static boolean utcTimestampChange(Statement statement, MigrationContext context, SchemaModel.Column old,
                                            TypeName type) {
    String zone = context.timeline().settings(statement).timeZone();
    return context.pgVersion() >= 12 && old.type().name().equals("timestamp") && !old.type().array()
        && type.name().equals("timestamptz") && !type.isArray() && zone != null && UTC_ZONES.contains(zone);
  }

  /** Indexes that the history built on the column, by name. */
  private static List<String> indexesOn(MigrationContext context, RangeVar table, String column) {
    List<String> out = new java.util.ArrayList<>();
    for (SchemaModel.Index i : context.model().indexesOn(context.model().resolve(table.schema(), table.name()))) {
      if (i.columns().contains(column) || i.columns().contains(null)) out.add(i.name().name()); // null: an expression
    }
    context.table(table).ifPresent(t -> t.constraints().values().stream()
        .filter(c -> c.hasIndex() && c.columns().contains(column) && !out.contains(c.name()))
        .forEach(c -> out.add(c.name())));
    return out;
  }

  private void reportIndexRebuild(Statement statement, RangeVar table, String columnName, ColumnDef def,
                                  List<String> indexes, Findings out) {
    String t = table.qualifiedName();
    var finding = out.report(this, statement)
        .message("ALTER COLUMN %s TYPE timestamptz with TimeZone UTC keeps %s's rows, but rebuilds %s on the column "
                + "under an ACCESS EXCLUSIVE lock: reads and writes of %s wait for the rebuild", Sql.quote(columnName), t,
            String.join(", ", indexes.stream().map(Sql::quote).toList()), t)
        .lock(MeasuredCases.get("type-timestamp-to-tz-utc").on(t));
    expandContract(finding, table, columnName, def.type());
  }

  /** The declared old type is known and the change shrinks it or changes numeric's scale: a rewrite. */
  private void reportKnown(Statement statement, RangeVar table, String columnName, ColumnDef def, SchemaModel.Column old,
                           TypeChanges.Verdict verdict, Findings out) {
    String t = table.qualifiedName();
    var finding = out.report(this, statement)
        .message(verdict == TypeChanges.Verdict.CHANGES_SCALE
                ? "ALTER COLUMN %s TYPE %s changes the scale of %s (declared at %s): it rewrites %s and all its indexes "
                    + "under an ACCESS EXCLUSIVE lock, checking every value; reads and writes wait for the whole rewrite"
                : "ALTER COLUMN %s TYPE %s narrows %s (declared at %s): it rewrites %s and all its indexes under an "
                    + "ACCESS EXCLUSIVE lock, checking every value; reads and writes wait for the whole rewrite",
            Sql.quote(columnName), def.type().sql(), old.type(), old.origin().describe(), t)
        .lock(MeasuredCases.get(verdict == TypeChanges.Verdict.CHANGES_SCALE ? "type-numeric-10-2-to-10-3"
            : "type-varchar100-to-50").on(t));
    expandContract(finding, table, columnName, def.type());
  }

  private void report(Statement statement, RangeVar table, String columnName, ColumnDef def, Findings out) {
    String t = table.qualifiedName();
    String c = Sql.quote(columnName);
    TypeName type = def.type();
    String newType = type.sql();
    boolean using = def.using().isPresent();
    var finding = out.report(this, statement);
    if (!using && WIDENING_TARGETS.contains(type.name())) {
      finding.severity(Severity.WARNING)
          .message("ALTER COLUMN %s TYPE %s rewrites %s and its indexes under an ACCESS EXCLUSIVE lock unless it only "
              + "widens the column (varchar(n) to a longer varchar or text, numeric to more precision at the same scale); "
              + "any other change blocks reads and writes for the whole rewrite", c, newType, t)
          .lock(MeasuredCases.get("type-varchar100-to-50").on(t));
    } else if (!using && type.name().equals("timestamptz")) {
      finding.message("ALTER COLUMN %s TYPE timestamptz rewrites %s under an ACCESS EXCLUSIVE lock unless the session "
              + "TimeZone is UTC (PostgreSQL 12+), and rebuilds the indexes on %s either way", c, t, c)
          .lock(MeasuredCases.get("type-timestamp-to-tz-berlin").on(t));
    } else {
      finding.message("ALTER COLUMN %s TYPE %s rewrites %s and all its indexes under an ACCESS EXCLUSIVE lock: reads "
              + "and writes wait for the whole rewrite", c, newType, t)
          .lock(MeasuredCases.get("type-int-to-bigint").on(t));
    }
    expandContract(finding, table, columnName, type);
  }

  private static final String EXPAND_CONTRACT = "Expand and contract: add a new column of the new type, keep it in "
      + "step with a trigger, backfill it in batches, then swap the columns in one short transaction (pg_repack "
      + "rebuilds a table online but cannot change a column's type)";
  private static final String EXPAND_CONTRACT_TIMESTAMPTZ = "Expand and contract: add a new column of the new type, "
      + "keep it in step with a trigger, backfill it in batches, then swap the columns in one short transaction (or run "
      + "SET TimeZone = 'UTC' before the ALTER, which skips the table rewrite on PostgreSQL 12+; pg_repack rebuilds a "
      + "table online but cannot change a column's type)";

  private static void expandContract(Findings.Builder finding, RangeVar table, String columnName, TypeName type) {
    String t = table.qualifiedName();
    String c = Sql.quote(columnName);
    String newType = type.sql();
    String next = Sql.quote(columnName + "_new");
    String nextName = columnName + "_new";
    finding.rewrite(Rewrite.of(type.name().equals("timestamptz") ? EXPAND_CONTRACT_TIMESTAMPTZ : EXPAND_CONTRACT,
        new Rewrite.Step("its own transaction", Sql.alterTable(table, "ADD COLUMN " + next + " " + newType)
            + "\nCREATE FUNCTION " + Sql.quote(table.name() + "_" + nextName + "_sync") + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            + "BEGIN NEW." + next + " := NEW." + c + "; RETURN NEW; END $$;\nCREATE TRIGGER "
            + Sql.quote(table.name() + "_" + nextName + "_sync") + " BEFORE INSERT OR UPDATE ON " + t
            + " FOR EACH ROW EXECUTE FUNCTION " + Sql.quote(table.name() + "_" + nextName + "_sync") + "();"),
        new Rewrite.Step("batches, one transaction each, until 0 rows",
            "UPDATE " + t + " SET " + next + " = " + c + " WHERE ctid IN (SELECT ctid FROM " + t + " WHERE " + next
                + " IS DISTINCT FROM " + c + " LIMIT 10000);"),
        new Rewrite.Step("one short transaction (brief ACCESS EXCLUSIVE)",
            "BEGIN;\nSET LOCAL lock_timeout = '2s';\nDROP TRIGGER " + Sql.quote(table.name() + "_" + nextName + "_sync")
                + " ON " + t + ";\n" + Sql.alterTable(table, "RENAME COLUMN " + c + " TO " + Sql.quote(columnName + "_old"))
                + "\n" + Sql.alterTable(table, "RENAME COLUMN " + next + " TO " + c) + "\nCOMMIT;"),
        new Rewrite.Step("after the application no longer uses the old column",
            Sql.alterTable(table, "DROP COLUMN " + Sql.quote(columnName + "_old")))));
  }
}
