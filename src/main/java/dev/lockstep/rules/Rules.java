package dev.lockstep.rules;

import dev.lockstep.engine.Rule;
import java.util.List;
import java.util.Optional;

/** Every rule lockstep has, in one list. */
public final class Rules {
  // keep sorted by id
  private static final List<Rule> ALL = List.of(
      new BanColumnTypeChange(),
      new BanConcurrentlyInTransaction(),
      new BanExclusionConstraint(),
      new BanHighLockTimeout(),
      new BanRenameColumn(),
      new BanRenameTable(),
      new BanRewritingAddColumn(),
      new BanValidateInSameTransaction(),
      new RequireCheckForSetNotNull(),
      new RequireConcurrentDropIndex(),
      new RequireConcurrentIndex(),
      new RequireConcurrentReindex(),
      new RequireDefaultForNotNullColumn(),
      new RequireLockTimeout(),
      new RequireNotValidCheck(),
      new RequireNotValidForeignKey(),
      new RequireUniqueIndexForConstraint());

  private Rules() {}

  public static List<Rule> all() {
    return ALL;
  }

  public static Optional<Rule> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
