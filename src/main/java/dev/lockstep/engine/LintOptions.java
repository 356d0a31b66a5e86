package dev.lockstep.engine;

/**
 * Settings that change what rules conclude.
 *
 * @param pgVersion the PostgreSQL major the migrations will run on
 * @param assumeInTransaction whether the runner wraps each file in a transaction
 */
public record LintOptions(int pgVersion, boolean assumeInTransaction) {
  /** The newest PostgreSQL major whose grammar and lock behaviour lockstep knows. */
  public static final int NEWEST_PG_VERSION = 18;
  public static final int OLDEST_PG_VERSION = 10;

  public LintOptions {
    if (pgVersion < OLDEST_PG_VERSION || pgVersion > NEWEST_PG_VERSION) {
      throw new IllegalArgumentException("PostgreSQL major must be between " + OLDEST_PG_VERSION + " and "
          + NEWEST_PG_VERSION + ", got " + pgVersion);
    }
  }

  public static LintOptions defaults() {
    return new LintOptions(NEWEST_PG_VERSION, false);
  }
}
