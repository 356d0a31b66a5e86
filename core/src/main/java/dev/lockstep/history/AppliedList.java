package dev.lockstep.history;

import dev.lockstep.frameworks.Framework;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The applied migrations a tool's history table lists (as a stats snapshot keeps them: the tool,
 * the version or id it records, and the name or description), as {@link AppliedMigrations}. A
 * migration of a tool the list has entries for is applied when an entry's version is its history
 * key (Flyway versions compared as versions: {@code 1_1} is {@code 1.1}), or an entry's name is its
 * history key or name; otherwise it is pending. golang-migrate and Hasura keep only the version they
 * are at: every migration up to it is applied. A Liquibase entry is {@code file::id::author}, and
 * names the changelog's file as the changelog included it. For a tool the list does not mention, it
 * says nothing.
 */
public record AppliedList(List<Entry> entries) implements AppliedMigrations {
  /** One row of a history table: the tool's id ("flyway", "golang-migrate", ...), version and name (either may be null). */
  public record Entry(String tool, String version, String name) {}

  /** Tools whose history table holds one row, the version they are at. */
  private static final Set<String> CURRENT_VERSION_ONLY = Set.of("golang-migrate", "hasura");

  public AppliedList {
    entries = List.copyOf(entries);
  }

  @Override
  public Optional<Boolean> applied(Framework tool, Migration migration) {
    boolean known = false;
    for (Entry e : entries) {
      if (!tool.id().equals(e.tool())) continue;
      known = true;
      if (matches(e, migration)) return Optional.of(true);
    }
    return known ? Optional.of(false) : Optional.empty();
  }

  private static boolean matches(Entry e, Migration migration) {
    if (CURRENT_VERSION_ONLY.contains(e.tool())) return atOrBefore(migration.historyKey(), e.version());
    if (e.tool().equals("liquibase")) return e.name() != null && sameFile(e.name(), migration.historyKey());
    if (e.version() != null && sameVersion(e.version(), migration.historyKey())) return true;
    return e.name() != null && (e.name().equals(migration.historyKey()) || e.name().equals(migration.name()));
  }

  private static boolean sameVersion(String recorded, String key) {
    Optional<MigrationVersion> a = MigrationVersion.parse(recorded);
    Optional<MigrationVersion> b = MigrationVersion.parse(key);
    return a.isPresent() && b.isPresent() ? a.get().compareTo(b.get()) == 0 : Objects.equals(recorded, key);
  }

  /** Whether version {@code key} is at or before the {@code current} one. */
  private static boolean atOrBefore(String key, String current) {
    Optional<MigrationVersion> a = MigrationVersion.parse(key);
    Optional<MigrationVersion> b = current == null ? Optional.empty() : MigrationVersion.parse(current.strip());
    return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) <= 0;
  }

  /**
   * Whether the file of a {@code file::id::author} entry is the migration (its path relative to its
   * changelog's folder): the entry's file as written, or ending in it after a folder ("classpath:"
   * and folder prefixes are how the changelog was found, not part of the file).
   */
  private static boolean sameFile(String entry, String relative) {
    int end = entry.indexOf("::");
    String file = (end < 0 ? entry : entry.substring(0, end)).replace('\\', '/').replaceFirst("^classpath:/*", "");
    String key = relative.replace('\\', '/');
    return file.equals(key) || file.endsWith("/" + key);
  }
}
