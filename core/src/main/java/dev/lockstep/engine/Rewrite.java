package dev.lockstep.engine;

import dev.lockstep.i18n.Text;
import java.util.List;

/**
 * The safe way to do what a statement wanted, as concrete SQL in the statement's own names,
 * split into the steps that must run separately (own transaction, outside any transaction).
 * The explanation and step labels are texts, shown in the reader's language.
 */
public record Rewrite(Text explanation, List<Step> steps) {
  public Rewrite {
    steps = List.copyOf(steps);
  }

  public Rewrite(String summary, List<Step> steps) {
    this(Text.of(summary), steps);
  }

  /** The explanation in English. */
  public String summary() {
    return explanation.english();
  }

  /**
   * One step: how it must run, and its SQL (whose {@code --} comments are translated when shown);
   * or, where {@code shell} is set, a command line for a shell (a client program such as pg_repack), not SQL.
   */
  public record Step(Text label, String sql, boolean shell) {
    public Step(Text label, String sql) {
      this(label, sql, false);
    }

    public Step(String runs, String sql) {
      this(Text.of(runs), sql, false);
    }

    /** A command line that a shell runs. */
    public static Step shell(String runs, String command) {
      return new Step(Text.of(runs), command, true);
    }

    /** How the step runs, in English. */
    public String runs() {
      return label.english();
    }
  }

  public static Rewrite of(String summary, Step... steps) {
    return new Rewrite(summary, List.of(steps));
  }

  public static Rewrite of(Text explanation, Step... steps) {
    return new Rewrite(explanation, List.of(steps));
  }
}
