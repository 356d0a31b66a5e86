package dev.lockstep.engine;

/**
 * PostgreSQL's table-level lock modes, weakest first. What each blocks follows PostgreSQL's
 * conflict table: plain reads take ACCESS SHARE, writes take ROW EXCLUSIVE.
 */
public enum LockMode {
  ACCESS_SHARE("ACCESS SHARE"),
  ROW_SHARE("ROW SHARE"),
  ROW_EXCLUSIVE("ROW EXCLUSIVE"),
  SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),
  SHARE("SHARE"),
  SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),
  EXCLUSIVE("EXCLUSIVE"),
  ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

  private final String sql;

  LockMode(String sql) {
    this.sql = sql;
  }

  /** The mode as PostgreSQL writes it, e.g. "SHARE ROW EXCLUSIVE". */
  public String sql() {
    return sql;
  }

  /** Conflicts with ACCESS SHARE: plain SELECTs wait. */
  public boolean blocksReads() {
    return this == ACCESS_EXCLUSIVE;
  }

  /** Conflicts with ROW EXCLUSIVE: INSERT, UPDATE and DELETE wait. */
  public boolean blocksWrites() {
    return compareTo(SHARE) >= 0;
  }

  /** Whether a session asking for this mode waits for one holding {@code other}: PostgreSQL's conflict table. */
  public boolean conflictsWith(LockMode other) {
    return switch (this) {
      case ACCESS_SHARE -> other == ACCESS_EXCLUSIVE;
      case ROW_SHARE -> other.compareTo(EXCLUSIVE) >= 0;
      case ROW_EXCLUSIVE -> other.compareTo(SHARE) >= 0;
      case SHARE_UPDATE_EXCLUSIVE -> other.compareTo(SHARE_UPDATE_EXCLUSIVE) >= 0;
      case SHARE -> other == ROW_EXCLUSIVE || other == SHARE_UPDATE_EXCLUSIVE || other.compareTo(SHARE_ROW_EXCLUSIVE) >= 0;
      case SHARE_ROW_EXCLUSIVE -> other.compareTo(ROW_EXCLUSIVE) >= 0;
      case EXCLUSIVE -> other.compareTo(ROW_SHARE) >= 0;
      case ACCESS_EXCLUSIVE -> true;
    };
  }
}
