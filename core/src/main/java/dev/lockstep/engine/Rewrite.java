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

  /** One step: how it must run, and its SQL (whose {@code --} comments are translated when shown). */
  public record Step(Text label, String sql) {
    public Step(String runs, String sql) {
      this(Text.of(runs), sql);
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
