package dev.lockstep.tools;

/**
 * What a migration tool did with a set of migrations on a real server: applied them, failed with an
 * error, or waited until the watchdog stopped it (with what its session waited for).
 */
record ToolOutcome(Kind kind, String detail) {
  enum Kind { APPLIED, FAILED, HUNG }

  static ToolOutcome applied() {
    return new ToolOutcome(Kind.APPLIED, "");
  }

  /** The cell of the doc table: "applied", "fails: <error>", "hangs: <wait>". */
  String cell() {
    return switch (kind) {
      case APPLIED -> "applied";
      case FAILED -> "fails: " + detail;
      case HUNG -> "hangs: " + detail;
    };
  }
}
