package dev.lockstep.rules;

import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Findings;
import dev.lockstep.engine.LockFacts;
import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.Rule;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.engine.Severity;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.AlterTable;
import dev.lockstep.parse.ast.AlterTableCmd;
import dev.lockstep.parse.ast.Cluster;
import dev.lockstep.parse.ast.RangeVar;
import dev.lockstep.parse.ast.Vacuum;
import dev.lockstep.rules.support.MeasuredCases;
import dev.lockstep.rules.support.PgRepack;
import dev.lockstep.rules.support.Sql;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "ban-blocking-table-rewrite",
    title = "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED, SET TABLESPACE and SET EXPRESSION rewrite the table under ACCESS EXCLUSIVE",
    severity = Severity.ERROR)
public final class BanBlockingTableRewrite implements Rule {
  /** What every pg_repack rewrite says about how it works. */
  private static final String HOW = ": it copies the table and rebuilds its indexes while reads and writes go on, "
      + "replays the changes made meanwhile, and takes an ACCESS EXCLUSIVE lock only briefly, at the start and for the "
      + "final swap (--wait-timeout: how many seconds it waits for that lock; --no-kill-backend: it then gives up "
      + "instead of cancelling the queries in its way). ";
  /** What it needs, where the table may have a key. */
  private static final String NEEDS = "Each table needs a primary key or a unique index on NOT NULL columns, and the "
      + "database the pg_repack extension of the client's version (Debian: postgresql-NN-repack). PostgreSQL 15 to 18 "
      + "have no online table rebuild of their own";
  /** What it needs, where the migrations read show the table has no key ({@code %s}: the table). */
  private static final String NEEDS_KEY = "The migrations read give %s neither a primary key nor a unique index on NOT "
      + "NULL columns: pg_repack skips such a table with only a warning (and exit status 0), so give it one first. The "
      + "database needs the pg_repack extension of the client's version (Debian: postgresql-NN-repack). PostgreSQL 15 "
      + "to 18 have no online table rebuild of their own";
  private static final String VACUUM_TABLE = "Rebuild %s online with pg_repack --no-order, which does what VACUUM FULL "
      + "does" + HOW + NEEDS + "; plain VACUUM makes the space reusable without blocking traffic";
  private static final String VACUUM_TABLE_NO_KEY = "Rebuild %s online with pg_repack --no-order, which does what "
      + "VACUUM FULL does" + HOW + NEEDS_KEY + "; plain VACUUM makes the space reusable without blocking traffic";
  private static final String VACUUM_ALL = "Rebuild the database's tables online with pg_repack --no-order, which "
      + "without --table does what VACUUM FULL does to each of them" + HOW + NEEDS;
  private static final String CLUSTER_USING = "Mark %s as the clustering index of %s (ALTER TABLE ... CLUSTER ON "
      + "changes only the catalog, under SHARE UPDATE EXCLUSIVE), then rebuild the table online in that index's order "
      + "with pg_repack, which orders by the clustering index when neither --no-order nor --order-by is given" + HOW
      + NEEDS;
  private static final String CLUSTER_USING_NO_KEY = "Mark %s as the clustering index of %s (ALTER TABLE ... CLUSTER "
      + "ON changes only the catalog, under SHARE UPDATE EXCLUSIVE), then rebuild the table online in that index's "
      + "order with pg_repack, which orders by the clustering index when neither --no-order nor --order-by is given"
      + HOW + NEEDS_KEY;
  private static final String CLUSTER_TABLE = "Rebuild %s online in the order of its clustering index with pg_repack, "
      + "which orders by it when neither --no-order nor --order-by is given" + HOW + NEEDS;
  private static final String CLUSTER_TABLE_NO_KEY = "Rebuild %s online in the order of its clustering index with "
      + "pg_repack, which orders by it when neither --no-order nor --order-by is given" + HOW + NEEDS_KEY;
  private static final String CLUSTER_ALL = "Rebuild each clustered table online with pg_repack --table, which orders "
      + "it by its clustering index" + HOW + NEEDS;
  private static final String MOVE = "Move %s to the tablespace %s online with pg_repack --tablespace, which rebuilds "
      + "the table there (its indexes stay where they are, as with SET TABLESPACE; --moveidx moves them too)" + HOW
      + NEEDS;
  private static final String MOVE_NO_KEY = "Move %s to the tablespace %s online with pg_repack --tablespace, which "
      + "rebuilds the table there (its indexes stay where they are, as with SET TABLESPACE; --moveidx moves them too)"
      + HOW + NEEDS_KEY;
  private static final String SET_EXPRESSION = "Keep the generated column and its readers as they are, and add a plain "
      + "column %s that a trigger keeps equal to the new expression; backfill it in batches, move the application to it, "
      + "then drop %s, rename %s to its name and point the trigger at it (pg_repack cannot change an expression). The result is a plain column "
      + "kept by the trigger, no longer a generated one; or run the statement in a maintenance window";

  @Override
  public void check(Statement statement, MigrationContext context, Findings out) {
    if (statement.node() instanceof Vacuum v && v.vacuum() && v.full()) {
      for (RangeVar t : v.tables()) {
        if (!context.createdEarlier(t, statement)) {
          report(statement, Text.of("VACUUM FULL %s copies the whole table and rebuilds its indexes", t.qualifiedName()),
              MeasuredCases.get("vacuum-full").on(t.qualifiedName()),
              PgRepack.rewrite(PgRepack.lacksKey(context, t)
                  ? Text.of(VACUUM_TABLE_NO_KEY, t.qualifiedName(), t.qualifiedName())
                  : Text.of(VACUUM_TABLE, t.qualifiedName()), PgRepack.command(t, "--no-order")), out);
        }
      }
      if (v.tables().isEmpty()) {
        report(statement, Text.of("VACUUM FULL without a table rewrites every table of the database one after another"),
            MeasuredCases.get("vacuum-full").on("each table"),
            PgRepack.rewrite(Text.of(VACUUM_ALL), PgRepack.command(null, "--no-order")), out);
      }
    } else if (statement.node() instanceof Cluster c) {
      if (c.table() != null && context.createdEarlier(c.table(), statement)) return;
      String t = c.table() == null ? "every previously clustered table" : c.table().qualifiedName();
      report(statement, c.table() == null
              ? Text.of("CLUSTER without a table rewrites every previously clustered table in index order and rebuilds its indexes")
              : Text.of("CLUSTER %s rewrites the table in index order and rebuilds its indexes", t),
          MeasuredCases.get("cluster").on(t), clusterRewrite(c, context), out);
    } else if (statement.node() instanceof AlterTable at && !context.createdEarlier(at.table(), statement)) {
      String t = at.table().qualifiedName();
      for (AlterTableCmd cmd : at.commands()) {
        switch (cmd.subtype()) {
          case SET_LOGGED -> report(statement, Text.of("SET LOGGED rewrites %s and writes all of it to the WAL", t),
              MeasuredCases.get("set-logged").on(t), Rewrite.of("Create the table LOGGED from the start; converting a "
                  + "live table needs a maintenance window (pg_repack cannot change it)"), out);
          case SET_UNLOGGED -> report(statement, Text.of("SET UNLOGGED rewrites %s", t),
              MeasuredCases.get("set-unlogged").on(t), Rewrite.of("Avoid switching live tables: an unlogged table is "
                  + "also emptied after a crash and not replicated"), out);
          case SET_TABLESPACE -> report(statement, Text.of("SET TABLESPACE copies every data file of %s to the new "
                  + "tablespace under an ACCESS EXCLUSIVE lock (PostgreSQL documentation)", t), null,
              PgRepack.rewrite(PgRepack.lacksKey(context, at.table())
                      ? Text.of(MOVE_NO_KEY, t, Sql.quote(cmd.name()), t) : Text.of(MOVE, t, Sql.quote(cmd.name())),
                  PgRepack.command(at.table(), "--no-order", "--tablespace=" + PgRepack.shellWord(cmd.name()))), out);
          case SET_EXPRESSION -> {
            if (context.pgVersion() >= 17) { // the statement does not exist before 17
              out.report(this, statement)
                  .message("SET EXPRESSION recomputes column %s in every row of %s while holding an ACCESS EXCLUSIVE "
                      + "lock: reads and writes wait for the whole rewrite", Sql.quote(cmd.name()), t)
                  .lock(MeasuredCases.get("set-expression").on(t))
                  .rewrite(setExpressionRewrite(statement, at, cmd, context));
            }
          }
          default -> { }
        }
      }
    }
  }

  /** Expand/contract: a plain column kept by a trigger, backfilled in batches, swapped in for the generated one. */
  private static Rewrite setExpressionRewrite(Statement statement, AlterTable at, AlterTableCmd cmd,
                                              MigrationContext context) {
    String t = at.table().qualifiedName();
    String column = Sql.quote(cmd.name());
    String next = Sql.quote(cmd.name() + "_next");
    String expression = expressionText(statement.text(), cmd.name());
    String type = context.table(at.table()).flatMap(table -> table.column(cmd.name()))
        .map(c -> c.type().toString()).orElse("<type of " + column + ">");
    String function = Sql.inSchemaOf(at.table(), at.table().name() + "_" + cmd.name() + "_next");
    // (SELECT NEW.*) AS t gives the expression the row's columns by name, as the generated column sees them
    String trigger = "CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.%s := "
        + "(SELECT " + expression + " FROM (SELECT NEW.*) AS " + Sql.quote(at.table().name()) + ");\n  RETURN NEW;\nEND $$;";
    return Rewrite.of(Text.of(SET_EXPRESSION, next, column, next),
        new Rewrite.Step("migration 1 (expand), one short transaction (brief ACCESS EXCLUSIVE)",
            "ALTER TABLE " + t + " ADD COLUMN " + next + " " + type + ";\n" + String.format(trigger, next) + "\n"
                + "CREATE TRIGGER " + Sql.quote(at.table().name() + "_" + cmd.name() + "_next") + " BEFORE INSERT OR UPDATE ON "
                + t + " FOR EACH ROW EXECUTE FUNCTION " + function + "();"),
        new Rewrite.Step("migration 2 (backfill in batches, one transaction per batch)",
            "UPDATE " + t + " SET " + next + " = " + expression + " WHERE id > last_done_id AND id <= last_done_id + 10000;"),
        new Rewrite.Step("migration 3 (contract, once the application reads the new column), one short transaction "
            + "(brief ACCESS EXCLUSIVE)",
            "ALTER TABLE " + t + " DROP COLUMN " + column + ";\nALTER TABLE " + t + " RENAME COLUMN " + next + " TO "
                + column + ";\n" + String.format(trigger, column)),
        new Rewrite.Step("in a maintenance window, its own transaction", statement.text() + ";"));
  }

  /**
   * The parenthesized expression of {@code ALTER COLUMN column SET EXPRESSION AS (...)} in the statement's
   * text, parentheses included; quoted strings and identifiers may hold parentheses.
   */
  static String expressionText(String sql, String column) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)\\bSET\\s+EXPRESSION\\s+AS\\s*\\(").matcher(sql);
    while (m.find()) {
      int open = m.end() - 1;
      int depth = 0;
      char quote = 0;
      for (int i = open; i < sql.length(); i++) {
        char c = sql.charAt(i);
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          String before = sql.substring(0, m.start()).toLowerCase(java.util.Locale.ROOT);
          if (before.replaceAll("\\s+", " ").replace("\"", "").endsWith(column.toLowerCase(java.util.Locale.ROOT) + " ")) {
            return sql.substring(open, i + 1);
          }
          break;
        }
      }
    }
    return "(the new expression)";
  }

  /** CLUSTER t USING i: mark i, then pg_repack orders by it; CLUSTER t: it is marked already. */
  private static Rewrite clusterRewrite(Cluster c, MigrationContext context) {
    if (c.table() == null) return Rewrite.of(CLUSTER_ALL);
    String t = c.table().qualifiedName();
    boolean lacksKey = PgRepack.lacksKey(context, c.table());
    if (c.indexName() == null) {
      return PgRepack.rewrite(lacksKey ? Text.of(CLUSTER_TABLE_NO_KEY, t, t) : Text.of(CLUSTER_TABLE, t),
          PgRepack.command(c.table()));
    }
    String index = Sql.quote(c.indexName());
    Rewrite repack = PgRepack.rewrite(lacksKey ? Text.of(CLUSTER_USING_NO_KEY, index, t, t)
        : Text.of(CLUSTER_USING, index, t), PgRepack.command(c.table()));
    List<Rewrite.Step> steps = new ArrayList<>(repack.steps());
    steps.add(1, new Rewrite.Step("its own transaction (brief SHARE UPDATE EXCLUSIVE)",
        Sql.alterTable(c.table(), "CLUSTER ON " + Sql.quote(c.indexName()))));
    return new Rewrite(repack.explanation(), steps);
  }

  private void report(Statement statement, Text what, LockFacts lock, Rewrite instead, Findings out) {
    var finding = out.report(this, statement)
        .message("%s while holding an ACCESS EXCLUSIVE lock: reads and writes wait for the whole rewrite", what)
        .rewrite(instead);
    if (lock != null) finding.lock(lock);
  }
}
