package dev.lockstep.split;

import dev.lockstep.i18n.Text;

/** A migration lockstep cannot split in its tool's form, with the reason for the user. */
public final class SplitRefused extends Exception {
  private final transient Text reason;

  public SplitRefused(Text reason) {
    super(reason.english());
    this.reason = reason;
  }

  /** A reason that is one fixed sentence (its own template). */
  public SplitRefused(String reason) {
    this(Text.of(reason));
  }

  /** The reason, to be shown in the reader's language. */
  public Text reason() {
    return reason;
  }
}
