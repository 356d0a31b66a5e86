package dev.lockstep.engine;

import dev.lockstep.i18n.Text;
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
  /** A file is held in memory whole (bytes, then text and tree): a limit above this is refused. */
  public static final long LARGEST_MAX_FILE_BYTES = 1L << 30;
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\\s*");

  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PARSE_MILLIS);
  }

  /** "16MiB", "500k", "2000000" (bytes); k, m, g are powers of 1024. */
  public static Optional<Long> bytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) return Optional.empty();
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift = switch (unit.charAt(0)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 0;
    };
    if (m.group(1).length() > 12) return Optional.empty(); // more than any disk holds; no overflow
    return Optional.of(Long.parseLong(m.group(1)) << shift);
  }

  /** Why a max-file-size is refused, or null: above {@link #LARGEST_MAX_FILE_BYTES} no file could be held. */
  public static Text fileSizeLimitProblem(long bytes) {
    if (bytes <= LARGEST_MAX_FILE_BYTES) return null;
    return Text.of("max-file-size can be at most %s (a file is held in memory whole), got %s",
        size(LARGEST_MAX_FILE_BYTES), size(bytes));
  }

  /** Why a file of this many bytes is not checked, or null when it is within max-file-size. */
  public Text tooBig(long bytes) {
    if (bytes <= maxFileBytes) return null;
    return Text.of("is %s, larger than max-file-size (%s): not checked (raise max-file-size to check it)",
        size(bytes), size(maxFileBytes));
  }

  /** Why a stream that went on past max-file-size (a device, a pipe, a growing file) is not checked. */
  public Text tooBigStream() {
    return Text.of("holds more than max-file-size (%s): not checked (raise max-file-size to check it)", size(maxFileBytes));
  }

  /** Why a file that outgrew the Java heap (read or parsed) is not checked. */
  public static Text outOfMemory() {
    long mib = Runtime.getRuntime().maxMemory() >> 20;
    return Text.of("needs more memory than the Java heap allows (%d MiB): not checked "
        + "(give Java more, e.g. LOCKSTEP_JAVA_OPTS=-Xmx4g)", mib);
  }

  /** {@link #describe} as a text: "12 bytes" has a word to translate. */
  public static Text size(long bytes) {
    return bytes < 1L << 10 ? Text.of("%d bytes", bytes) : Text.of("%s", describe(bytes));
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
