package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fix;
import dev.lockstep.fix.TextEdit;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.Relocations;
import dev.lockstep.rules.support.Sql;
import java.util.List;

@RuleInfo(id = "require-concurrent-drop-index",
    title = "Drop indexes with DROP INDEX CONCURRENTLY",
    severity = Severity.ERROR, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class RequireConcurrentDropIndex implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (!(statement.node() instanceof Drop drop) || drop.objectType() != ObjectType.INDEX || drop.concurrently()) return;
    List<List<String>> indexes = drop.objects();
    if (indexes.stream().allMatch(n -> context.indexCreatedEarlier(n.get(n.size() - 1), statement))) return; // built here

    String names = String.join(", ", indexes.stream().map(n -> String.join(".", n.stream().map(Sql::quote).toList())).toList());
    String ifExists = drop.ifExists() ? " IF EXISTS" : "";
    // DROP INDEX CONCURRENTLY takes one index and no CASCADE; inside a transaction block it fails.
    boolean mechanical = indexes.size() == 1 && !drop.cascade();
    Applicability level = mechanical && !context.inTransaction(statement) ? Applicability.SAFE : Applicability.DISPLAY_ONLY;
    StringBuilder steps = new StringBuilder();
    for (List<String> n : indexes) {
      if (steps.length() > 0) steps.append('\n');
      steps.append("DROP INDEX CONCURRENTLY").append(ifExists).append(' ')
          .append(String.join(".", n.stream().map(Sql::quote).toList())).append(';');
    }
    var finding = out.report(this, statement)
        .message("DROP INDEX %s takes an ACCESS EXCLUSIVE lock on its table: every read and write of the table waits, "
            + "and so does everything queued behind the DROP", names)
        .lock(MeasuredCases.get("drop-index").on("the table of " + names))
        .rewrite(Rewrite.of(drop.cascade()
                ? "Drop each index with CONCURRENTLY, outside a transaction block: it takes SHARE UPDATE EXCLUSIVE and "
                    + "waits for running queries instead of blocking new ones; CONCURRENTLY does not support CASCADE, so "
                    + "drop dependent objects first"
                : "Drop each index with CONCURRENTLY, outside a transaction block: it takes SHARE UPDATE EXCLUSIVE and "
                    + "waits for running queries instead of blocking new ones",
            new Rewrite.Step("outside a transaction block, one statement per index", steps.toString())))
        .fix(Fix.of("Add CONCURRENTLY", level, TextEdit.insert(statement.endOfWord("INDEX"), " CONCURRENTLY")));
    if (mechanical && Relocations.possible(statement, context)) {
      List<String> index = indexes.get(0);
      finding.relocate(Relocations.move(statement, "Drop the index CONCURRENTLY in a migration of its own",
          steps.toString(), true, index.get(index.size() - 1), null,
          Relocations.slug("drop", index.get(index.size() - 1), "concurrently")));
    }
  }
}
