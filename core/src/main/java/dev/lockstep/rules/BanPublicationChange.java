package dev.lockstep.rules;

import dev.lockstep.engine.Findings;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterPublication;
import dev.lockstep.parse.ast.Drop;
import dev.lockstep.parse.ast.Identifiers;
import dev.lockstep.parse.ast.ObjectType;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.rules.support.MeasuredCases;
import java.util.List;

/**
 * Dropping a publication, or taking tables or operations out of one, changes what subscribers
 * receive: a subscriber that still follows it stops (its slot then keeps WAL on the publisher) or
 * silently misses changes. Adding tables is left alone: subscribers see nothing until they refresh.
 */
@RuleInfo(id = "ban-publication-change",
    title = "Dropping or narrowing a publication stops or silently starves its subscribers",
    severity = Severity.WARNING)
public final class BanPublicationChange implements Rule {
  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof Drop drop && drop.objectType() == ObjectType.PUBLICATION) {
      for (List<String> name : drop.objects()) {
        String publication = Identifiers.quote(name.get(name.size() - 1));
        out.report(this, statement)
            .message("DROP PUBLICATION %s: every subscription to it fails from its next change on and stops "
                + "replicating, while its replication slot keeps WAL on this server until the disk fills", publication)
            .rewrite(Rewrite.of("Stop the subscribers first, then drop the publication",
                new Rewrite.Step("migration 1, on each subscriber (also drops its slot on this server)",
                    "DROP SUBSCRIPTION subscription_name;"),
                new Rewrite.Step("migration 2, on this server", statement.text() + ";")));
      }
    } else if (statement.node() instanceof AlterPublication alter) {
      String publication = Identifiers.quote(alter.name());
      if (alter.setsOptions()) {
        out.report(this, statement)
            .message("ALTER PUBLICATION %s SET changes which operations its subscribers receive: changes no longer "
                + "published are silently missing on every subscriber", publication)
            .rewrite(subscribersFirst(statement));
      } else if (alter.action() != AlterPublication.Action.ADD) {
        List<RangeVar> tables = alter.tables();
        var finding = out.report(this, statement)
            .message(alter.action() == AlterPublication.Action.DROP
                ? "Taking tables out of publication %s: subscribers stop receiving their changes without any error, "
                    + "and their copies silently fall behind"
                : "ALTER PUBLICATION %s SET replaces its list of tables: subscribers stop receiving changes of every "
                    + "table left out, without any error, and their copies silently fall behind", publication)
            .rewrite(subscribersFirst(statement));
        if (alter.action() == AlterPublication.Action.DROP && tables.size() == 1) {
          finding.lock(MeasuredCases.get("alter-publication-drop-table").on(tables.get(0).qualifiedName()));
        }
      }
    }
  }

  private static Rewrite subscribersFirst(Statement statement) {
    return Rewrite.of("Change the subscribers first: move the readers of those tables off the subscriber (or stop "
            + "them), change the publication, then refresh each subscription so it knows the new table list",
        new Rewrite.Step("migration 1, on this server", statement.text() + ";"),
        new Rewrite.Step("migration 2, on each subscriber", "ALTER SUBSCRIPTION subscription_name REFRESH PUBLICATION;"));
  }
}
