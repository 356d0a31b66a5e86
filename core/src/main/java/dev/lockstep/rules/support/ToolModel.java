package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.engine.TransactionPlan.Tool;
import dev.lockstep.i18n.Text;

/**
 * One migration tool as advice needs it, said once for every tool: how a statement that cannot run
 * in a transaction block gets out of the tool's transaction (its opt-out), where a step that needs a
 * transaction after the migration's goes (how to split), and how to retry a migration that failed on
 * a lock timeout. {@link ToolAdvice} builds the rewrites and {@link ToolSteps} the step labels from it,
 * so that a rule's step and its advice never name two different ways out. Each text is one whole
 * template, the tool's markers and settings written in it (a declared runner's opt-out line is its
 * argument). Whether the tool runs a deploy in one transaction, and the line a file opts out with,
 * are the engine's facts ({@link TransactionPlan.Runner}); docs/frameworks.md has each tool's
 * behaviour and its source.
 *
 * @param outside how to take a statement out of the tool's transaction
 * @param outsideStep the label of that statement's step
 * @param later how a statement gets a transaction after the migration's, or null where a later
 *     transaction is simply a later migration (the rule's own explanation then stands)
 * @param laterStep the label of that statement's step
 * @param retry how to retry the migration after a lock timeout (RetryAdvice's text for the tool)
 */
public record ToolModel(Text outside, Text outsideStep, Text later, Text laterStep, String retry) {
  private static final Text OUTSIDE_BLOCK = Text.of("outside a transaction block");
  private static final Text OWN_MIGRATION_OUTSIDE = Text.of("in a migration of its own, outside a transaction block");
  private static final Text ALONE = Text.of("alone in a migration of its own");
  private static final Text AFTER_COMMIT = Text.of("after COMMIT, in a separate transaction or migration");
  private static final Text LATER_MIGRATION = Text.of("in a later migration (the tool commits each migration on its own)");
  private static final Text ONE_CALL = Text.of("The tool sends a migration file in one call, which PostgreSQL runs as one "
      + "transaction when the file holds several statements: put the statement alone in a migration of its own");
  private static final Text PER_RUN = Text.of("The runner runs every pending migration in one transaction, so a later "
      + "migration of the same deploy is still this transaction: ship the statement in a migration of its own in a "
      + "later deploy, or run it after the migrator has committed, from a separate script");
  private static final Text PER_RUN_STEP = Text.of("in a later deploy: a migration of its own");

  /** The model of the tool that runs the file in {@code context}. */
  public static ToolModel of(MigrationContext context) {
    return of(context.tool(), context.toolLockTransaction(), context.runner());
  }

  /**
   * The model of {@code tool}; {@code lockTransaction} when it holds a transaction open while it
   * migrates (Flyway's default lock), {@code runner} as the engine describes it (an in-house
   * runner's model is its declaration). A file no tool runs gets the generic advice, with several
   * tools' opt-outs.
   */
  public static ToolModel of(Tool tool, boolean lockTransaction, TransactionPlan.Runner runner) {
    return switch (tool) {
      case DRIZZLE -> new ToolModel(
          Text.of("drizzle-kit's migrator runs every pending migration in one transaction, and no Drizzle migration can "
              + "leave it, not even one shipped in a later deploy: take the statement out of this migration and run it "
              + "after the migrator has committed, from a separate script with its own connection (for example: psql "
              + "\"$DATABASE_URL\" -f post-migrate.sql, right after drizzle-kit migrate in the deploy)"),
          Text.of("after drizzle-kit migrate has committed, from a separate script (no transaction)"),
          Text.of("drizzle-kit's migrator runs every pending migration in one transaction, so a later migration of the "
              + "same deploy is still this transaction: ship the statement as a custom migration of its own (drizzle-kit "
              + "generate --custom) in a later deploy than this one, or run it after the migrator has committed, from a "
              + "separate script"),
          Text.of("in a later deploy: a custom migration of its own (drizzle-kit generate --custom)"),
          RetryAdvice.DRIZZLE);
      case NODE_PG_MIGRATE -> new ToolModel(
          // checked with node-pg-migrate itself (ToolsRunOnPostgresTest): in its default single-transaction mode it
          // commits the run so far before such a migration and opens a new transaction after it
          Text.of("node-pg-migrate runs every pending migration in one transaction by default, and an SQL migration "
              + "cannot leave it: put the statement in a JavaScript migration of its own that calls %s (node-pg-migrate "
              + "then commits the migrations before it and runs it outside a transaction), or run the statement after "
              + "the migrator, from a separate script", "pgm.noTransaction()"),
          Text.of("in a migration of its own that calls pgm.noTransaction()"),
          // what fix --split writes: the call commits the run so far, and one query of the statements is one transaction
          Text.of("node-pg-migrate runs every pending migration in one transaction by default, so a later SQL migration "
              + "of the same deploy is still this transaction: put the statement in a JavaScript migration of its own "
              + "that calls %s (node-pg-migrate then commits the migrations before it), or ship it in a later deploy",
              "pgm.noTransaction()"),
          Text.of("in a migration of its own that calls pgm.noTransaction()"), RetryAdvice.NODE_PG_MIGRATE);
      case GOOSE -> new ToolModel(
          Text.of("Put it in a goose migration of its own that starts with '-- +goose NO TRANSACTION', with no "
              + "BEGIN/COMMIT around it: goose then runs it outside a transaction"),
          Text.of("in a migration of its own marked -- +goose NO TRANSACTION"),
          null, LATER_MIGRATION, RetryAdvice.GOOSE);
      case DBMATE -> new ToolModel(
          Text.of("Put it in a dbmate migration of its own whose up marker reads '-- migrate:up transaction:false', with "
              + "no BEGIN/COMMIT around it: dbmate then runs it outside a transaction"),
          Text.of("in a migration of its own marked -- migrate:up transaction:false"),
          null, LATER_MIGRATION, RetryAdvice.DBMATE);
      case POSTGRES_MIGRATIONS -> new ToolModel(
          Text.of("Put it in a migration of its own that holds the line '-- postgres-migrations disable-transaction', "
              + "and nothing else but this statement: postgres-migrations then sends it without a transaction"),
          Text.of("alone in a migration of its own marked %s", "-- postgres-migrations disable-transaction"), null,
          AFTER_COMMIT, RetryAdvice.POSTGRES_MIGRATIONS);
      case FLYWAY -> lockTransaction
          ? new ToolModel(
              Text.of("Put it in a versioned script of its own with a V<version>__<name>.sql.conf file beside it holding "
                  + "executeInTransaction=false, and set flyway.postgresql.transactional.lock=false in flyway.conf: "
                  + "Flyway otherwise keeps its lock in an open transaction that CONCURRENTLY statements wait for"),
              Text.of("in a versioned script of its own whose .conf holds executeInTransaction=false, with "
                  + "flyway.postgresql.transactional.lock=false in flyway.conf"),
              null, Text.of("in a later versioned script (Flyway commits each script on its own)"), RetryAdvice.FLYWAY)
          : new ToolModel(
              Text.of("Put it in a versioned script of its own with a V<version>__<name>.sql.conf file beside it holding "
                  + "executeInTransaction=false: Flyway then runs it outside a transaction"),
              Text.of("in a versioned script of its own whose .conf holds executeInTransaction=false"),
              null, Text.of("in a later versioned script (Flyway commits each script on its own)"), RetryAdvice.FLYWAY);
      case LIQUIBASE -> new ToolModel(
          Text.of("Put it in a changeset of its own with runInTransaction:false (without splitStatements:false, which "
              + "sends the changeset in one call) and no BEGIN/COMMIT around it: Liquibase then runs it outside a "
              + "transaction"),
          Text.of("in a changeset of its own marked runInTransaction:false"),
          null, Text.of("in a later changeset (Liquibase commits each changeset on its own)"), RetryAdvice.LIQUIBASE);
      case GOLANG_MIGRATE -> new ToolModel(
          Text.of("golang-migrate sends an .up.sql file in one call, which PostgreSQL runs as one transaction when the "
              + "file holds several statements: put the statement alone in a migration of its own"),
          ALONE, null, AFTER_COMMIT, RetryAdvice.GOLANG_MIGRATE);
      case PRISMA -> new ToolModel(
          Text.of("prisma migrate deploy sends migration.sql in one call, which PostgreSQL runs as one transaction when "
              + "it holds several statements: put the statement alone in a migration of its own (prisma migrate dev "
              + "--create-only, then replace the generated SQL)"),
          ALONE, null, AFTER_COMMIT, RetryAdvice.PRISMA);
      case HASURA, SUPABASE -> new ToolModel(ONE_CALL, ALONE, null, AFTER_COMMIT, RetryAdvice.ONE_CALL);
      case POP -> new ToolModel(
          Text.of("Put it in a migration of its own named <version>_<name>.autocommit.up.sql: pop then runs it outside "
              + "a transaction"),
          OWN_MIGRATION_OUTSIDE, null, AFTER_COMMIT, RetryAdvice.WRAPPED);
      case SQITCH -> new ToolModel(
          Text.of("sqitch runs a deploy script with psql, statement by statement: leave out the BEGIN/COMMIT around this "
              + "statement (or put it in a change of its own without them)"),
          Text.of("outside BEGIN/COMMIT"), null, AFTER_COMMIT, RetryAdvice.SQITCH);
      case CUSTOM -> runner != null ? declared(runner) : unknown();
      case PLAIN, SCHEMA_DUMP, UNKNOWN -> unknown();
    };
  }

  /** An in-house runner, as lockstep.toml declares it. */
  private static ToolModel declared(TransactionPlan.Runner runner) {
    Text later = runner.oneTransactionPerRun() ? PER_RUN : null;
    Text laterStep = runner.oneTransactionPerRun() ? PER_RUN_STEP : AFTER_COMMIT;
    if (runner.optOut() != null) {
      return new ToolModel(Text.of("Put it in a migration of its own that holds the line '%s', which lockstep.toml "
          + "declares as your runner's way out of its transaction, with no BEGIN/COMMIT around it", runner.optOut()),
          OWN_MIGRATION_OUTSIDE, later, laterStep, RetryAdvice.PLAIN);
    }
    return new ToolModel(Text.of("Your runner, as lockstep.toml declares it, has no way to run a migration outside its "
            + "transaction: run the statement outside the runner, from a separate script after it has committed"),
        Text.of("after the runner has committed, from a separate script (no transaction)"), later, laterStep,
        RetryAdvice.PLAIN);
  }

  /** No tool is known: every common tool's opt-out, and psql's way to retry. */
  private static ToolModel unknown() {
    return new ToolModel(Text.of("Run it in its own migration that the runner does not wrap in a transaction (for example "
            + "goose '-- +goose NO TRANSACTION', dbmate 'transaction:false', Flyway executeInTransaction=false, "
            + "Liquibase runInTransaction:false), with no BEGIN/COMMIT around it"),
        OUTSIDE_BLOCK, null, AFTER_COMMIT, RetryAdvice.PLAIN);
  }
}
