package dev.lockstep.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What lockstep takes on per file, so that a hook never appears to hang on a huge or pathological
 * file: a file above {@code maxFileBytes} is not read, a parse that runs past {@code maxParseMillis}
 * is stopped. Either way the file is reported as not checked (exit 2), never as clean.
 */
public record Limits(long maxFileBytes, long maxParseMillis) {
  public static final long DEFAULT_MAX_FILE_BYTES = 16L << 20;
  public static final long DEFAULT_MAX_PARSE_MILLIS = 60_000;
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\\s*");

  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PARSE_MILLIS);
  }

  /** "16MiB", "500k", "2000000" (bytes); k, m, g are powers of 1024. */
  public static Optional<Long> bytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) return Optional.empty();
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return Optional.of(switch (unit.charAt(0)) {
      case 'k' -> n << 10;
      case 'm' -> n << 20;
      case 'g' -> n << 30;
      default -> n;
    });
  }

  /** "16 MiB", "5.0 MiB", "700 KiB", "12 bytes" for messages. */
  public static String describe(long bytes) {
    if (bytes >= 1L << 20) {
      return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
    if (bytes >= 1L << 10) return (bytes >> 10) + " KiB";
    return bytes + " bytes";
  }
}
