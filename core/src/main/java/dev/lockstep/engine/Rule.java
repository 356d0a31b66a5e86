package dev.lockstep.engine;

import dev.lockstep.parse.Statement;

/** A check of one statement in its migration context. Implementations are stateless. */
public interface Rule {
  void check(Statement statement, MigrationContext context, Findings out);

  /** Called once after every statement of the file was checked: for what only the whole file shows. */
  default void checkFile(MigrationContext context, Findings out) {}

  default RuleInfo info() {
    RuleInfo info = getClass().getAnnotation(RuleInfo.class);
    if (info == null) throw new IllegalStateException(getClass() + " lacks @RuleInfo");
    return info;
  }

  default String id() {
    return info().id();
  }
}
