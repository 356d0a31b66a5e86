package dev.lockstep.rules;

import dev.lockstep.engine.Rule;
import java.util.List;
import java.util.Optional;

/** Every rule lockstep has, in one list. */
public final class Rules {
  // keep sorted by id
  private static final List<Rule> ALL = List.of(
      new RequireConcurrentIndex());

  private Rules() {}

  public static List<Rule> all() {
    return ALL;
  }

  public static Optional<Rule> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
