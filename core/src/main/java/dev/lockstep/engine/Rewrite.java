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

  /**
   * One step: how it must run, and its SQL; or, where {@code shell} is set, a command line for a
   * shell (a client program such as pg_repack), not SQL.
   */
  public record Step(String runs, String sql, boolean shell) {
    public Step(String runs, String sql) {
      this(runs, sql, false);
    }

    /** A command line that a shell runs. */
    public static Step shell(String runs, String command) {
      return new Step(runs, command, true);
    }
  }

  public static Rewrite of(String summary, Step... steps) {
    return new Rewrite(summary, List.of(steps));
  }
}
