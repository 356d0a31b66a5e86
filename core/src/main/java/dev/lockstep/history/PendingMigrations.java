package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import dev.lockstep.frameworks.Framework;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which earlier migrations have not run in production yet, from the best source given: the
 * database's (or a stats snapshot's) list of applied migrations, then the files a change adds
 * ({@code --changed-since}), then {@code pending-from} in lockstep.toml (that migration and every
 * later one). Objects those migrations create are new and empty when the deploy runs. With no
 * source, every earlier migration counts as applied: only a file's own statements make objects new.
 * Timestamps are never used to guess.
 *
 * @param applied     the database's or snapshot's history, or null
 * @param changed     absolute, normalized paths of the files the change adds or modifies, or null
 * @param pendingFrom the first pending migration's version or name, or null
 */
public record PendingMigrations(AppliedMigrations applied, Set<Path> changed, String pendingFrom) {
  public static final PendingMigrations NONE = new PendingMigrations(null, null, null);

  /** What the result cache and messages say about where pending comes from. */
  public String describe() {
    return (applied == null ? "" : "applied list; ") + (changed == null ? "" : "changed files; ")
        + (pendingFrom == null ? "" : "pending-from " + pendingFrom);
  }

  /**
   * Whether each of the first {@code count} migrations of {@code order} is pending, or a problem
   * when {@code pending-from} names no migration of the history.
   */
  Decision decide(Framework tool, MigrationOrder order, int count) {
    List<Migration> all = order.migrations();
    int firstPending = pendingFrom == null ? all.size() : firstPending(all);
    boolean[] pending = new boolean[count];
    for (int i = 0; i < count; i++) {
      Migration m = all.get(i);
      Optional<Boolean> known = applied == null ? Optional.empty() : applied.applied(tool, m);
      if (known.isPresent()) pending[i] = !known.get();
      else if (changed != null) pending[i] = changed.contains(m.path());
      else pending[i] = firstPending >= 0 && i >= firstPending;
    }
    Text problem = pendingFrom != null && changed == null && firstPending < 0
        ? Text.of("pending-from '%s' names no migration of this history (by version or name): "
            + "every earlier migration is treated as applied", pendingFrom)
        : null;
    return new Decision(pending, problem);
  }

  record Decision(boolean[] pending, Text problem) {}

  /**
   * The index of the first pending migration: the first whose version is at least pending-from's
   * (a leading V, as in Flyway's file names, is allowed),
   * or whose name is pending-from or starts with it followed by {@code _}; the history's length
   * when a version is past every migration; -1 when a name matches none.
   */
  private int firstPending(List<Migration> all) {
    // "V12" as Flyway's file names write it is version 12
    String bare = pendingFrom.matches("[Vv][0-9].*") ? pendingFrom.substring(1) : pendingFrom;
    Optional<MigrationVersion> version = MigrationVersion.parse(bare);
    for (int i = 0; i < all.size(); i++) {
      Migration m = all.get(i);
      if (m.name().equals(pendingFrom) || m.name().startsWith(pendingFrom + "_")) return i;
      if (version.isPresent() && m.version() != null && m.version().compareTo(version.get()) >= 0) return i;
    }
    boolean anyVersion = all.stream().anyMatch(m -> m.version() != null);
    return version.isPresent() && anyVersion ? all.size() : -1;
  }
}
