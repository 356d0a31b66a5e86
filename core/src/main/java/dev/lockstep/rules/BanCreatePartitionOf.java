package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.CreateTable;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;

@RuleInfo(id = "ban-create-partition-of",
    title = "CREATE TABLE ... PARTITION OF locks the whole partitioned table",
    severity = Severity.WARNING)
public final class BanCreatePartitionOf implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof CreateTable create) || !create.partitionOf() || create.parents().isEmpty()) return;
    RangeVar parent = create.parents().get(0);
    if (context.createdEarlier(parent, statement)) return; // a new partitioned table has no traffic
    String p = parent.qualifiedName();
    String child = create.table().qualifiedName();
    String text = statement.text();
    int forValues = text.toUpperCase(java.util.Locale.ROOT).indexOf("FOR VALUES");
    int defaultBound = text.toUpperCase(java.util.Locale.ROOT).lastIndexOf("DEFAULT");
    String bound = forValues >= 0 ? text.substring(forValues) : defaultBound >= 0 ? "DEFAULT" : null;
    var finding = out.report(this, statement)
        .message("CREATE TABLE %s PARTITION OF %s takes an ACCESS EXCLUSIVE lock on %s: every read and write of the "
            + "partitioned table waits (and a DEFAULT partition is scanned under that lock)", child, p, p)
        .lock(MeasuredCases.get("create-table-partition-of").on(p));
    if (bound == null) return;
    finding.rewrite(Rewrite.of("Create the table on its own (no lock on the parent), then ATTACH it: ATTACH PARTITION "
            + "takes SHARE UPDATE EXCLUSIVE on the parent, so reads and writes go on. An empty new table is checked "
            + "instantly",
        new Rewrite.Step("its own transaction", "CREATE TABLE " + child + " (LIKE " + p
            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE);"),
        new Rewrite.Step("a separate transaction", "ALTER TABLE " + p + " ATTACH PARTITION " + child + " " + bound + ";")));
  }
}
