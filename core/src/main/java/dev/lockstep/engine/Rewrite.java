package dev.lockstep.engine;

import java.util.List;

/**
 * The safe way to do what a statement wanted, as concrete SQL in the statement's own names,
 * split into the steps that must run separately (own transaction, outside any transaction).
 */
public record Rewrite(String summary, List<Step> steps) {
  public Rewrite {
    steps = List.copyOf(steps);
  }

  /** One step: how it must run, and its SQL. */
  public record Step(String runs, String sql) {}

  public static Rewrite of(String summary, Step... steps) {
    return new Rewrite(summary, List.of(steps));
  }
}
