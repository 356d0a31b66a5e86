package dev.lockstep.cli;

import dev.lockstep.i18n.Text;

/**
 * A command cannot go on, for a reason the user can act on: printed as one "lockstep: ..." line in
 * the run's language, exit 2.
 */
final class CommandFailure extends RuntimeException {
  private final transient Text text;

  CommandFailure(Text text) {
    super(text.english());
    this.text = text;
  }

  Text text() {
    return text;
  }
}
