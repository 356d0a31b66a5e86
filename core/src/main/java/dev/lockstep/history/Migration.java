package dev.lockstep.history;

import java.nio.file.Path;

/**
 * One migration of a history, as its tool knows it.
 *
 * @param path       the file that is run (for a reworked sqitch change, the script of that instance)
 * @param name       what the user calls it: a Flyway version, a Drizzle tag, a Prisma folder, a sqitch change...
 * @param historyKey what the tool writes in its history table when it applies the migration (Flyway's
 *                   {@code version}, goose's {@code version_id}, Prisma's {@code migration_name}, Drizzle's
 *                   {@code created_at}...), for matching a database's or a snapshot's list of applied migrations
 * @param version    the version to compare with {@code pending-from}, or null when the tool has none
 */
public record Migration(Path path, String name, String historyKey, MigrationVersion version) {}
