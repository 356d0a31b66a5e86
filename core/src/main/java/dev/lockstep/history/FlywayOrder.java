package dev.lockstep.history;

import dev.lockstep.frameworks.FlywaySettings;
import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's order: every versioned migration ({@code V<version>__<description>.sql}) of all configured
 * locations by version, compared as numbers part by part, then the repeatable ones
 * ({@code R__<description>.sql}) by description. Undo migrations ({@code U...}) are not part of it.
 * Two files with one version make Flyway refuse to migrate ("Found more than one migration with
 * version"). Sources: Flyway's documentation (Concepts, Migrations: "Repeatable migrations are always
 * applied last, after all pending versioned migrations ... in the order of their description") and
 * org.flywaydb.core.api.MigrationVersion.
 *
 * <p>Locations: the project's configured ones ({@link FlywaySettings}: flyway.conf, flyway.toml, the
 * Maven and Gradle plugins, Spring Boot, FLYWAY_LOCATIONS); {@code filesystem:} paths are relative to
 * the project folder, {@code classpath:} paths to the module's {@code src/main/resources}. Without any, the
 * location is the {@code db/migration} folder that holds the file (Flyway's default), or the file's
 * own folder. Flyway searches a location's sub-folders too.
 */
final class FlywayOrder {

  private FlywayOrder() {}

  static MigrationOrder of(Path file) throws IOException {
    Locations locations = locations(file);
    // Flyway searches a location's sub-folders; a file outside any known location is judged with its own
    // folder alone, so that a migration in a home or temporary folder does not search everything below it
    int depth = locations.known() ? Integer.MAX_VALUE : 1;
    List<Entry> versioned = new ArrayList<>();
    List<Entry> repeatable = new ArrayList<>();
    for (Path location : locations.paths()) {
      Files.walkFileTree(location, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
          String name = p.getFileName().toString();
          // V<version>__<description>.sql or R__<description>.sql, matched by hand (a long history has a file per
          // migration); the version ends at the first separator, as Flyway splits it
          char kind = name.isEmpty() ? ' ' : name.charAt(0);
          int separator = name.indexOf("__", 1);
          if (kind != 'V' && kind != 'R' || separator < 0 || !name.endsWith(".sql")
              || separator + 2 >= name.length() - ".sql".length() || !attrs.isRegularFile()) {
            return FileVisitResult.CONTINUE;
          }
          String version = name.substring(1, separator);
          String description = name.substring(separator + 2, name.length() - ".sql".length()).replace('_', ' ');
          if (kind == 'R' && (version.isEmpty() || versionLike(version))) {
            repeatable.add(new Entry(p, null, description));
          } else if (kind == 'V') {
            // a version Flyway does not accept either (V1.a__x.sql) is not a migration
            MigrationVersion v = MigrationVersion.parse(version).orElse(null);
            if (v != null) versioned.add(new Entry(p, v, description));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) {
          return FileVisitResult.CONTINUE; // an unreadable entry is no migration Flyway could run either
        }
      });
    }
    versioned.sort(Comparator.comparing(Entry::version).thenComparing(e -> e.path().toString()));
    for (int i = 1; i < versioned.size(); i++) {
      Entry a = versioned.get(i - 1);
      Entry b = versioned.get(i);
      if (a.version().compareTo(b.version()) == 0) {
        return MigrationOrder.failed(HistoryProblem.at(b.path(), Text.of("Flyway version %s is also %s: Flyway refuses to migrate two migrations with one version",
            String.valueOf(b.version()), String.valueOf(a.path().getFileName()))));
      }
    }
    repeatable.sort(Comparator.comparing(Entry::description).thenComparing(e -> e.path().toString()));
    List<Migration> out = new ArrayList<>();
    for (Entry e : versioned) {
      String version = e.version().toString();
      out.add(new Migration(e.path(), version, version, e.version()));
    }
    for (Entry e : repeatable) out.add(new Migration(e.path(), "R__" + e.description(), e.description(), null));
    return MigrationOrder.of(out);
  }

  private record Entry(Path path, MigrationVersion version, String description) {}

  /** {@code [0-9][0-9._]*}: a repeatable migration's name may hold a version, which is ignored. */
  private static boolean versionLike(String text) {
    if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') return false;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && c != '.' && c != '_') return false;
    }
    return true;
  }

  /**
   * Where Flyway looks for migrations.
   *
   * @param known whether a configuration names them or they are Flyway's default db/migration, rather than
   *              the file's own folder taken for want of either
   */
  record Locations(List<Path> paths, boolean known) {}

  /** The locations of the project that holds {@code file}; always one that holds it. */
  static Locations locations(Path file) throws IOException {
    List<Path> configured = FlywaySettings.of(file).locations();
    if (configured.stream().anyMatch(file::startsWith)) {
      Set<Path> out = new LinkedHashSet<>();
      for (Path p : configured) if (Files.isDirectory(p)) out.add(p);
      return new Locations(List.copyOf(out), true);
    }
    for (Path p = file.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
      if (p.getFileName().toString().equals("migration") && p.getParent().getFileName().toString().equals("db")) {
        return new Locations(List.of(p), true);
      }
    }
    return new Locations(List.of(file.getParent()), false);
  }
}
