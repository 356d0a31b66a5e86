package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;

/**
 * Where a rewrite's step runs, said in the terms of the tool that runs the file (checked with the
 * real Flyway and Liquibase in ToolRunsOnPostgresTest), or generically when the tool is not known.
 */
public final class ToolSteps {
  private ToolSteps() {}

  /** The label of a step that must run outside a transaction block. */
  public static String outsideTransaction(MigrationContext context) {
    return switch (context.tool()) {
      case FLYWAY -> context.toolLockTransaction()
          ? "in a versioned script of its own whose .conf holds executeInTransaction=false, with "
              + "flyway.postgresql.transactional.lock=false in flyway.conf"
          : "in a versioned script of its own whose .conf holds executeInTransaction=false";
      case LIQUIBASE -> "in a changeset of its own marked runInTransaction:false";
      case GOOSE -> "in a migration of its own marked -- +goose NO TRANSACTION";
      case DBMATE -> "in a migration of its own marked -- migrate:up transaction:false";
      default -> "outside a transaction block";
    };
  }

  /** The label of a step that must run after the migration's transaction commits. */
  public static String laterTransaction(MigrationContext context) {
    return switch (context.tool()) {
      case FLYWAY -> "in a later versioned script (Flyway commits each script on its own)";
      case LIQUIBASE -> "in a later changeset (Liquibase commits each changeset on its own)";
      case GOOSE, DBMATE -> "in a later migration (the tool commits each migration on its own)";
      default -> "after COMMIT, in a separate transaction or migration";
    };
  }
}
