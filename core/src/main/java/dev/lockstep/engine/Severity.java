package dev.lockstep.engine;

import java.util.Locale;

/** How serious a finding is; ordered from least to most severe. */
public enum Severity {
  HINT, WARNING, ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
