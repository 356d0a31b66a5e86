package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.i18n.Text;

/**
 * Advice in the terms of the tool that runs the file: how a statement gets out of the tool's
 * transaction, and how a step gets a transaction of its own. Each sentence is one whole template
 * (the tool's markers and settings are its arguments); the list of several tools' opt-outs is
 * given only when the tool is unknown. docs/frameworks.md has each tool's behaviour and its source.
 */
public final class ToolAdvice {
  private ToolAdvice() {}

  /** How to run {@code statement} (which cannot run in a transaction block) outside one. */
  public static Rewrite outsideTransaction(MigrationContext context, String statementSql) {
    TransactionPlan.Runner runner = context.runner();
    String sql = statementSql + ";";
    if (runner == null) {
      return Rewrite.of("Run it in its own migration that the runner does not wrap in a transaction (for example "
              + "goose '-- +goose NO TRANSACTION', dbmate 'transaction:false', Flyway executeInTransaction=false, "
              + "Liquibase runInTransaction:false), with no BEGIN/COMMIT around it",
          new Rewrite.Step("outside a transaction block", sql));
    }
    return switch (runner.tool()) {
      case "drizzle" -> Rewrite.of("drizzle-kit's migrator runs every pending migration in one transaction, and no "
              + "Drizzle migration can leave it, not even one shipped in a later deploy: take the statement out of this "
              + "migration and run it after the migrator has committed, from a separate script with its own connection "
              + "(for example: psql \"$DATABASE_URL\" -f post-migrate.sql, right after drizzle-kit migrate in the deploy)",
          new Rewrite.Step("after drizzle-kit migrate has committed, from a separate script (no transaction)", sql));
      case "node-pg-migrate" -> Rewrite.of("node-pg-migrate runs every pending migration in one transaction by default, "
              + "and an SQL migration cannot leave it: put the statement in a JavaScript migration that calls "
              + "pgm.noTransaction() and run node-pg-migrate with --no-single-transaction, or run the statement after the "
              + "migrator, from a separate script",
          new Rewrite.Step("in a migration of its own that calls pgm.noTransaction()", sql));
      case "goose" -> Rewrite.of("Put it in a goose migration of its own that starts with '-- +goose NO TRANSACTION', "
              + "with no BEGIN/COMMIT around it: goose then runs it outside a transaction",
          new Rewrite.Step("in a migration of its own, outside a transaction block", sql));
      case "dbmate" -> Rewrite.of("Put it in a dbmate migration of its own whose up marker reads "
              + "'-- migrate:up transaction:false', with no BEGIN/COMMIT around it: dbmate then runs it outside a transaction",
          new Rewrite.Step("in a migration of its own, outside a transaction block", sql));
      case "postgres-migrations" -> Rewrite.of("Put it in a migration of its own that holds the line "
              + "'-- postgres-migrations disable-transaction', and nothing else but this statement: postgres-migrations then "
              + "sends it without a transaction",
          new Rewrite.Step("alone in a migration of its own", sql));
      case "flyway" -> context.toolLockTransaction()
          ? Rewrite.of("Put it in a versioned script of its own with a V<version>__<name>.sql.conf file beside it "
                  + "holding executeInTransaction=false, and set flyway.postgresql.transactional.lock=false in "
                  + "flyway.conf: Flyway otherwise keeps its lock in an open transaction that CONCURRENTLY statements "
                  + "wait for",
              new Rewrite.Step(ToolSteps.outsideTransaction(context), sql))
          : Rewrite.of("Put it in a versioned script of its own with a V<version>__<name>.sql.conf file beside "
                  + "it holding executeInTransaction=false: Flyway then runs it outside a transaction",
              new Rewrite.Step(ToolSteps.outsideTransaction(context), sql));
      case "liquibase" -> Rewrite.of("Put it in a changeset of its own with runInTransaction:false (without "
              + "splitStatements:false, which sends the changeset in one call) and no BEGIN/COMMIT around it: Liquibase "
              + "then runs it outside a transaction",
          new Rewrite.Step(ToolSteps.outsideTransaction(context), sql));
      case "golang-migrate" -> Rewrite.of("golang-migrate sends an .up.sql file in one call, which PostgreSQL runs as one "
              + "transaction when the file holds several statements: put the statement alone in a migration of its own",
          new Rewrite.Step("alone in a migration of its own", sql));
      case "prisma" -> Rewrite.of("prisma migrate deploy sends migration.sql in one call, which PostgreSQL runs as one "
              + "transaction when it holds several statements: put the statement alone in a migration of its own "
              + "(prisma migrate dev --create-only, then replace the generated SQL)",
          new Rewrite.Step("alone in a migration of its own", sql));
      case "hasura", "supabase" -> Rewrite.of("The tool sends a migration file in one call, which PostgreSQL runs as one "
              + "transaction when the file holds several statements: put the statement alone in a migration of its own",
          new Rewrite.Step("alone in a migration of its own", sql));
      case "pop" -> Rewrite.of("Put it in a migration of its own named <version>_<name>.autocommit.up.sql: pop then runs "
              + "it outside a transaction",
          new Rewrite.Step("in a migration of its own, outside a transaction block", sql));
      case "sqitch" -> Rewrite.of("sqitch runs a deploy script with psql, statement by statement: leave out the "
              + "BEGIN/COMMIT around this statement (or put it in a change of its own without them)",
          new Rewrite.Step("outside BEGIN/COMMIT", sql));
      default -> runner.optOut() != null
          ? Rewrite.of(Text.of("Put it in a migration of its own that holds the line '%s', which lockstep.toml "
                  + "declares as your runner's way out of its transaction, with no BEGIN/COMMIT around it", runner.optOut()),
              new Rewrite.Step("in a migration of its own, outside a transaction block", sql))
          : Rewrite.of("Your runner, as lockstep.toml declares it, has no way to run a migration outside its transaction: "
                  + "run the statement outside the runner, from a separate script after it has committed",
              new Rewrite.Step("after the runner has committed, from a separate script (no transaction)", sql));
    };
  }

  /** How {@code statement} gets a transaction after the one that ran the steps before it. */
  public static Rewrite laterTransaction(MigrationContext context, String summary, String statementSql) {
    TransactionPlan.Runner runner = context.runner();
    String sql = statementSql + ";";
    if (runner != null && runner.tool().equals("drizzle")) {
      return Rewrite.of("drizzle-kit's migrator runs every pending migration in one transaction, so a later migration "
              + "of the same deploy is still this transaction: ship the statement as a custom migration of its own "
              + "(drizzle-kit generate --custom) in a later deploy than this one, or run it after the migrator has "
              + "committed, from a separate script",
          new Rewrite.Step("in a later deploy: a custom migration of its own (drizzle-kit generate --custom)", sql));
    }
    if (runner != null && runner.oneTransactionPerRun()) {
      return Rewrite.of("The runner runs every pending migration in one transaction, so a later migration of the same "
              + "deploy is still this transaction: ship the statement in a migration of its own in a later deploy, or run "
              + "it after the migrator has committed, from a separate script",
          new Rewrite.Step("in a later deploy: a migration of its own", sql));
    }
    return Rewrite.of(summary, new Rewrite.Step(ToolSteps.laterTransaction(context), sql));
  }
}
