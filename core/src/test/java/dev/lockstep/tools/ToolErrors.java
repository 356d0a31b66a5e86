package dev.lockstep.tools;

import java.sql.SQLException;

/** The line of a tool's exception that says what went wrong, as the table shows it. */
final class ToolErrors {
  private ToolErrors() {}

  static String firstCause(Throwable t) {
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        root = c;
        break;
      }
      root = c;
    }
    String message = String.valueOf(root.getMessage());
    return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
  }
}
