package dev.lockstep.preflight;

/** Durations in messages: "42 s", "3 min 20 s", "2 h 5 min". */
final class Ages {
  private Ages() {}

  static String describe(long seconds) {
    if (seconds < 60) return seconds + " s";
    if (seconds < 3600) return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    long minutes = seconds / 60;
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }
}
