package dev.lockstep.preflight;

import dev.lockstep.i18n.Text;

/**
 * A replica that lags or a replication slot that retains WAL: a big rewrite writes the table's
 * size again to WAL, which replicas must replay and slots keep.
 *
 * @param kind "replica" or "slot"
 * @param lagSeconds the replica's replay lag (null for a slot, or when not reported)
 * @param retainedBytes WAL the slot keeps, or the replica's replay distance (null when unknown)
 */
public record ReplicationWarning(String kind, String name, Double lagSeconds, Long retainedBytes, boolean active,
                                 Text message) {}
