package dev.lockstep.rules.support;

import dev.lockstep.engine.MigrationContext;
import dev.lockstep.engine.Rewrite;

/**
 * Advice in the terms of the tool that runs the file: how a statement gets out of the tool's
 * transaction, and how a step gets a transaction of its own, as {@link ToolModel} says for the
 * tool. The list of several tools' opt-outs is given only when the tool is unknown.
 */
public final class ToolAdvice {
  private ToolAdvice() {}

  /** How to run {@code statement} (which cannot run in a transaction block) outside one. */
  public static Rewrite outsideTransaction(MigrationContext context, String statementSql) {
    ToolModel tool = ToolModel.of(context);
    return Rewrite.of(tool.outside(), new Rewrite.Step(tool.outsideStep(), statementSql + ";"));
  }

  /**
   * How {@code statement} gets a transaction after the one that ran the steps before it;
   * {@code summary} is the rule's own explanation, kept where a later migration is a later transaction.
   */
  public static Rewrite laterTransaction(MigrationContext context, String summary, String statementSql) {
    ToolModel tool = ToolModel.of(context);
    Rewrite.Step step = new Rewrite.Step(tool.laterStep(), statementSql + ";");
    return tool.later() != null ? Rewrite.of(tool.later(), step) : Rewrite.of(summary, step);
  }
}
