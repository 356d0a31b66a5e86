package dev.lockstep.engine;

import dev.lockstep.i18n.Text;

/**
 * A statement of an earlier migration that could not be replayed (PostgreSQL's grammar rejected
 * it, or parsing stopped): what it would have changed is missing from the model, so verdicts
 * that depend on it fall back to the file alone.
 */
public record ReplayProblem(String path, int line, int column, Text message) {
  /** {@code path:line:col: message}. */
  @Override
  public String toString() {
    return path + ":" + line + ":" + column + ": " + message.english();
  }
}
