package dev.lockstep.rules.support;

import dev.lockstep.engine.TransactionPlan;

/**
 * How to retry a migration that failed with a lock timeout (SQLSTATE 55P03, lock_not_available),
 * for the tool that runs the file: what the failure left behind, what to re-run, and what must be
 * idempotent. Each text is one whole template (it is translated as it stands). From each tool's
 * documented failure handling; rules/require-lock-timeout.md keeps the table and its sources.
 */
public final class RetryAdvice {
  private static final String LEAD = "Set a short lock_timeout at the top of the migration, so that a lock request "
      + "that would queue behind a long query fails fast instead of stalling traffic, and retry the migration later "
      + "(a lock timeout fails with SQLSTATE 55P03; retry a few times with a pause, at a quieter time). ";

  public static final String PLAIN = LEAD + "psql runs the file statement by statement: the statements before the "
      + "failed one stay applied, so either run the file with psql --single-transaction -v ON_ERROR_STOP=1 and re-run "
      + "it whole, or re-run it from the failed statement, or write every statement to be re-runnable (IF NOT EXISTS, "
      + "IF EXISTS, CREATE OR REPLACE)";
  public static final String FLYWAY = LEAD + "Flyway runs each versioned migration in a transaction: on PostgreSQL the "
      + "failed migration is rolled back and not recorded, so run flyway migrate again. A script run without a "
      + "transaction (executeInTransaction=false, or mixed) keeps the statements before the failure and is recorded "
      + "as failed: make those statements re-runnable (IF NOT EXISTS) and run flyway repair before migrating again";
  public static final String LIQUIBASE = LEAD + "Liquibase runs each changeset in its own transaction and records it "
      + "only when it succeeds: the failed changeset is rolled back, the changesets before it stay applied, and "
      + "liquibase update resumes at the failed one. A changeset with runInTransaction:false keeps its statements "
      + "before the failure: make them re-runnable (IF NOT EXISTS), or guard the changeset with a precondition";
  public static final String GOOSE = LEAD + "goose runs each migration in a transaction and records its version only "
      + "when it commits: run goose up again. A migration marked -- +goose NO TRANSACTION keeps the statements before "
      + "the failure: make them re-runnable (IF NOT EXISTS, IF EXISTS)";
  public static final String DBMATE = LEAD + "dbmate runs each migration in a transaction and records it only when it "
      + "commits: run dbmate up again. A migration marked transaction:false keeps the statements before the failure: "
      + "make them re-runnable (IF NOT EXISTS, IF EXISTS)";
  public static final String GOLANG_MIGRATE = LEAD + "golang-migrate sends the file in one call, so a file of several "
      + "statements is rolled back as a whole, but the schema_migrations table is left marked dirty at this version: "
      + "run migrate force with the previous version, then migrate up again. A file of a single statement that cannot "
      + "run in a transaction must itself be re-runnable (IF NOT EXISTS)";
  public static final String DRIZZLE = LEAD + "Drizzle's migrator runs the pending migrations in one transaction and "
      + "records them only when it commits: the whole run is rolled back, so run drizzle-kit migrate (or the "
      + "application's migrate call) again";
  public static final String NODE_PG_MIGRATE = LEAD + "node-pg-migrate runs the pending migrations in one transaction "
      + "by default and records them only when it commits: the run is rolled back (back to the last migration that "
      + "calls pgm.noTransaction(), before which it committed), so run node-pg-migrate up again. A migration that calls "
      + "pgm.noTransaction() keeps the statements before the failure: make them re-runnable (IF NOT EXISTS, IF EXISTS)";
  public static final String POSTGRES_MIGRATIONS = LEAD + "postgres-migrations runs each file in a transaction and "
      + "records it only when it commits: the failed file is rolled back, the files before it stay applied, and the "
      + "next run resumes at the failed one. A file marked -- postgres-migrations disable-transaction is sent in one "
      + "query: a single statement there that cannot run in a transaction must itself be re-runnable (IF NOT EXISTS)";
  public static final String PRISMA = LEAD + "Prisma sends the file in one call, so a file of several statements is "
      + "rolled back as a whole, but _prisma_migrations records the migration as failed and prisma migrate deploy "
      + "refuses to go on: run prisma migrate resolve --rolled-back with the migration's folder name, then prisma "
      + "migrate deploy again. A migration of a single statement that cannot run in a transaction must itself be "
      + "re-runnable (IF NOT EXISTS)";
  public static final String SQITCH = LEAD + "sqitch runs the deploy script with psql and, on failure, reverts the "
      + "changes it deployed in the same run (--mode all): keep the script's statements between BEGIN and COMMIT so "
      + "that the failed change leaves nothing behind, then run sqitch deploy again. Statements outside BEGIN and "
      + "COMMIT stay applied: make them re-runnable (IF NOT EXISTS)";

  /** Tools that run each file in a transaction of their own (pop). */
  public static final String WRAPPED = LEAD + "The tool runs each migration in a transaction and records it only "
      + "when it commits: run its migrate command again";
  /** Tools that send each file in one call and record it only when it succeeds (Hasura, Supabase CLI). */
  public static final String ONE_CALL = LEAD + "The tool sends the file in one call, so a file of several statements "
      + "is rolled back as a whole and not recorded: run its migrate command again. A file of a single statement "
      + "that cannot run in a transaction must itself be re-runnable (IF NOT EXISTS)";

  private RetryAdvice() {}

  /** The advice for the tool that runs the file, or the plain one (as {@link ToolModel} says for the tool). */
  public static String forTool(TransactionPlan.Tool tool) {
    return ToolModel.of(tool, false, null).retry();
  }
}
