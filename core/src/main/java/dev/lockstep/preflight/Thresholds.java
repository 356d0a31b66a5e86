package dev.lockstep.preflight;

/**
 * What counts as too long or too much: a transaction open longer than {@code maxTransactionMillis}
 * on a table the migrations lock holds them up; replay lag and slot WAL beyond their limits are warnings.
 */
public record Thresholds(long maxTransactionMillis, long maxReplicaLagMillis, long maxSlotWalBytes) {
  public static final long DEFAULT_MAX_TRANSACTION_MILLIS = 5_000;
  public static final long DEFAULT_MAX_REPLICA_LAG_MILLIS = 30_000;
  public static final long DEFAULT_MAX_SLOT_WAL_BYTES = 1L << 30;

  public static Thresholds defaults() {
    return new Thresholds(DEFAULT_MAX_TRANSACTION_MILLIS, DEFAULT_MAX_REPLICA_LAG_MILLIS, DEFAULT_MAX_SLOT_WAL_BYTES);
  }
}
