package dev.lockstep.preflight;

import dev.lockstep.engine.Finding;

/** Where a migration takes a lock: the finding's file, 1-based line and column, and rule. */
public record Site(String path, int line, int column, String ruleId) {
  static Site of(Finding f) {
    return new Site(f.path(), f.start().line(), f.start().column(), f.ruleId());
  }

  /** "db/V2__x.sql:4:1 [ban-column-type-change]". */
  public String describe() {
    return path + ":" + line + ":" + column + " [" + ruleId + "]";
  }
}
