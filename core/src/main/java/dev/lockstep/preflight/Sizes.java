package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;
import java.util.Locale;

/** Byte counts and row counts as people read them: "12 GB", "about 1,200,000 rows". */
public final class Sizes {
  private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

  private Sizes() {}

  /** As PostgreSQL's pg_size_pretty rounds, with powers of 1024: "8192 bytes", "16 kB", "12 GB". */
  public static String bytes(long n) {
    if (n < 10 * 1024L) return n + " bytes";
    double v = n;
    int unit = -1;
    while (unit + 1 < UNITS.length && v >= 10 * 1024) {
      v /= 1024;
      unit++;
    }
    return Math.round(v) + " " + UNITS[unit];
  }

  /** "1,200,000 rows", digits grouped the same in every language. */
  public static Text rows(long n) {
    return Text.of(n == 1 ? "%s row" : "%s rows", String.format(Locale.ROOT, "%,d", n));
  }
}
