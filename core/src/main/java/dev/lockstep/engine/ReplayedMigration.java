package dev.lockstep.engine;

import dev.lockstep.source.SourceFile;

/**
 * An earlier migration of the history, replayed into the schema model before a file is linted.
 *
 * @param pending not applied yet when the deploy runs: the objects it creates are new and empty;
 *     an applied migration's objects are live and may be big
 */
public record ReplayedMigration(SourceFile source, TransactionPlan plan, boolean pending) {}
