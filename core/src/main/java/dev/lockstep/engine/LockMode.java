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
}
