package dev.lockstep.engine;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses PostgreSQL time settings ("2s", "500", "1min", "1h") into milliseconds. */
public final class Durations {
  private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|min|h|d)?\\s*");

  private Durations() {}

  /** Milliseconds; a bare number is milliseconds, as for lock_timeout. Empty if unparsable. */
  public static OptionalLong millis(String value) {
    if (value == null) return OptionalLong.empty();
    Matcher m = VALUE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) return OptionalLong.empty();
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    double factor = switch (unit) {
      case "us" -> 0.001;
      case "s" -> 1_000;
      case "min" -> 60_000;
      case "h" -> 3_600_000;
      case "d" -> 86_400_000;
      default -> 1;
    };
    return OptionalLong.of(Math.round(n * factor));
  }
}
