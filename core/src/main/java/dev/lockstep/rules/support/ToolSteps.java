package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.i18n.Text;

/**
 * Where a rewrite's step runs, said in the terms of the tool that runs the file (checked with the
 * real Flyway and Liquibase in ToolRunsOnPostgresTest), or generically when the tool is not known.
 * The labels are {@link ToolModel}'s, the same that {@link ToolAdvice}'s rewrites use.
 */
public final class ToolSteps {
  private ToolSteps() {}

  /** The label of a step that must run outside a transaction block. */
  public static Text outsideTransaction(MigrationContext context) {
    return ToolModel.of(context).outsideStep();
  }

  /** The label of a step that must run after the migration's transaction commits. */
  public static Text laterTransaction(MigrationContext context) {
    return ToolModel.of(context).laterStep();
  }
}
