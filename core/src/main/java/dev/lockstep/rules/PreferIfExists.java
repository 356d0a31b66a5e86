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
import dev.lockstep.parse.ast.CreateIndex;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.ObjectType;
import java.util.List;
import dev.lockstep.rules.support.Sql;

@RuleInfo(id = "prefer-if-exists",
    title = "Make statements outside a transaction retry-safe with IF [NOT] EXISTS",
    severity = Severity.HINT, enabledByDefault = false, fix = RuleInfo.FixAvailability.SOMETIMES)
public final class PreferIfExists implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (context.inTransaction(statement)) return; // a transaction rolls back as a whole: a retry starts clean
    if (statement.node() instanceof CreateIndex index && index.concurrently() && !index.ifNotExists()
        && index.name() != null) {
      // IF NOT EXISTS would skip an INVALID leftover (ban-concurrent-index-if-not-exists): drop it first instead
      String name = Identifiers.quote(index.name());
      if (index.table().schema() != null) name = Identifiers.quote(index.table().schema()) + "." + name;
      if (droppedEarlier(index, statement, context)) return;
      String drop = "DROP INDEX CONCURRENTLY IF EXISTS " + name + ";";
      report(statement, out, "CREATE INDEX CONCURRENTLY", drop + "\n" + statement.text(),
          TextEdit.insert(statement.span().start(), drop + "\n"));
    } else if (statement.node() instanceof Drop drop && drop.concurrently() && !drop.ifExists()) {
      int at = statement.endOfWord("CONCURRENTLY");
      report(statement, out, "DROP INDEX CONCURRENTLY", Sql.insertAfterWord(statement, "CONCURRENTLY", " IF EXISTS"),
          TextEdit.insert(at, " IF EXISTS"));
    }
  }

  /** A DROP INDEX CONCURRENTLY IF EXISTS of the same index earlier in the file makes the build re-runnable. */
  private static boolean droppedEarlier(CreateIndex index, Statement statement, MigrationContext context) {
    for (Statement earlier : context.statements()) {
      if (earlier.index() >= statement.index()) break;
      if (earlier.node() instanceof Drop drop && drop.objectType() == ObjectType.INDEX && drop.ifExists()) {
        for (List<String> parts : drop.objects()) {
          boolean sameSchema = parts.size() == 1 ? index.table().schema() == null
              : parts.get(0).equals(index.table().schema());
          if (parts.get(parts.size() - 1).equals(index.name()) && sameSchema) return true;
        }
      }
    }
    return false;
  }

  private void report(Statement statement, Findings out, String what, String retrySafe, TextEdit edit) {
    out.report(this, statement)
        .message("%s runs outside a transaction: if the migration fails after it, a retry fails here because the "
            + "first run already did it", what)
        .rewrite(Rewrite.of("Make it idempotent so the migration can simply be run again",
            new Rewrite.Step("instead, outside a transaction block", retrySafe + ";")))
        .fix(Fix.of("Add IF [NOT] EXISTS", Applicability.SAFE, edit));
  }
}
