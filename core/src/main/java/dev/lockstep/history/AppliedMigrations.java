package dev.lockstep.history;

import dev.lockstep.frameworks.Framework;
import java.util.Optional;

/**
 * What a database has applied, as its migration tool's history table says ({@code flyway_schema_history},
 * {@code __drizzle_migrations}, {@code _prisma_migrations}, {@code goose_db_version},
 * {@code schema_migrations}, {@code databasechangelog}, sqitch's {@code changes}...), read from the
 * database or from a stats snapshot. Match on {@link Migration#historyKey()}.
 */
public interface AppliedMigrations {
  /** Whether the database has applied this migration of this tool, or empty when this source does not say. */
  Optional<Boolean> applied(Framework tool, Migration migration);
}
