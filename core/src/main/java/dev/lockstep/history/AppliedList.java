package dev.lockstep.history;

import dev.lockstep.frameworks.Framework;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The applied migrations a tool's history table lists (as a stats snapshot keeps them: the tool,
 * the version or id it records, and the name or description), as {@link AppliedMigrations}. A
 * migration of a tool the list has entries for is applied when an entry's version is its history
 * key (Flyway versions compared as versions: {@code 1_1} is {@code 1.1}), or an entry's name is its
 * history key or name; otherwise it is pending. For a tool the list does not mention, it says nothing.
 */
public record AppliedList(List<Entry> entries) implements AppliedMigrations {
  /** One row of a history table: the tool's id ("flyway", "golang-migrate", ...), version and name (either may be null). */
  public record Entry(String tool, String version, String name) {}

  public AppliedList {
    entries = List.copyOf(entries);
  }

  @Override
  public Optional<Boolean> applied(Framework tool, Migration migration) {
    boolean known = false;
    for (Entry e : entries) {
      if (!tool.id().equals(e.tool())) continue;
      known = true;
      if (e.version() != null && sameVersion(e.version(), migration.historyKey())) return Optional.of(true);
      if (e.name() != null && (e.name().equals(migration.historyKey()) || e.name().equals(migration.name()))) {
        return Optional.of(true);
      }
    }
    return known ? Optional.of(false) : Optional.empty();
  }

  private static boolean sameVersion(String recorded, String key) {
    Optional<MigrationVersion> a = MigrationVersion.parse(recorded);
    Optional<MigrationVersion> b = MigrationVersion.parse(key);
    return a.isPresent() && b.isPresent() ? a.get().compareTo(b.get()) == 0 : Objects.equals(recorded, key);
  }
}
