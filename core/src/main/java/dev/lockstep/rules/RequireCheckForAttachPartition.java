package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.AlterTableType;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.PartitionCmd;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "require-check-for-attach-partition",
    title = "Prove the partition bound with a validated CHECK before ATTACH PARTITION",
    severity = Severity.WARNING)
public final class RequireCheckForAttachPartition implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    // ALTER INDEX ... ATTACH PARTITION attaches an index: nothing is scanned.
    if (!(statement.node() instanceof AlterTable alter) || alter.objectType() != ObjectType.TABLE) return;
    for (AlterTableCmd cmd : alter.commands()) {
      if (cmd.subtype() != AlterTableType.ATTACH_PARTITION || !(cmd.definition().orElse(null) instanceof PartitionCmd p)) continue;
      RangeVar partition = p.partition();
      if (context.createdEarlier(partition, statement)) continue; // new and empty: the check is instant
      if (context.validConstraintAdded(partition, statement)) continue; // the recipe: a validated CHECK
      String parent = alter.table().qualifiedName();
      String child = partition.qualifiedName();
      String check = Sql.quote(Sql.defaultConstraintName(partition.name(), null, "partition_bound"));
      var finding = out.report(this, statement)
          .message("ATTACH PARTITION %s scans all of %s under an ACCESS EXCLUSIVE lock on it to check the partition "
              + "bound (reads of %s continue; if %s has a DEFAULT partition, that one is scanned too and reads wait)",
              child, child, parent, parent)
          .lock(MeasuredCases.get("attach-partition-no-check").on(parent, child));
      Text summary = Text.of("Before attaching, add a CHECK constraint on %s that matches the partition bound, NOT "
          + "VALID, and VALIDATE it in a separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on). ATTACH "
          + "then skips its scan; drop the CHECK afterwards", child);
      String condition = boundCondition(statement.text());
      if (condition == null) { // multi-column, hash or DEFAULT bounds: the CHECK must be written by hand
        finding.rewrite(Rewrite.of(summary));
        continue;
      }
      String template = Sql.alterTable(partition, "ADD CONSTRAINT " + check + " CHECK (" + condition + ") NOT VALID");
      finding.rewrite(Rewrite.of(summary,
          new Rewrite.Step(Text.of("prints the ADD CONSTRAINT with the partition key of %s; run its output in its own "
                  + "transaction", parent),
              "SELECT format('" + template.replace("%", "%%").replace("%%1$s", "%1$s").replace("'", "''")
                  + "', substring(pg_get_partkeydef('" + parent.replace("'", "''") + "'::regclass) from '\\((.*)\\)'));"),
          new Rewrite.Step("a separate transaction", Sql.alterTable(partition, "VALIDATE CONSTRAINT " + check)),
          new Rewrite.Step("a separate transaction", statement.text() + ";\n" + Sql.alterTable(partition,
              "DROP CONSTRAINT " + check))));
    }
  }

  private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(
      "(?is).*FOR\\s+VALUES\\s+FROM\\s*\\(\\s*([^,()]+?)\\s*\\)\\s*TO\\s*\\(\\s*([^,()]+?)\\s*\\)\\s*$");
  private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile(
      "(?is).*FOR\\s+VALUES\\s+IN\\s*\\((.+)\\)\\s*$");

  /** The partition constraint of a single-column RANGE or LIST bound, with %1$s for the key; else null. */
  static String boundCondition(String statement) {
    var range = RANGE.matcher(statement);
    if (range.matches()) {
      StringBuilder c = new StringBuilder("%1$s IS NOT NULL");
      if (!range.group(1).equalsIgnoreCase("MINVALUE")) c.append(" AND %1$s >= ").append(range.group(1));
      if (!range.group(2).equalsIgnoreCase("MAXVALUE")) c.append(" AND %1$s < ").append(range.group(2));
      return c.toString();
    }
    var list = LIST.matcher(statement);
    if (list.matches()) return "%1$s IS NOT NULL AND %1$s IN (" + list.group(1).strip() + ")";
    return null;
  }
}
