package dev.lockstep.history;

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
 * <p>Locations: {@code flyway.locations} in a {@code flyway.conf}, {@code locations} in a
 * {@code flyway.toml}, or {@code spring.flyway.locations} in a Spring {@code application.properties}
 * found in the file's folder or a parent; {@code filesystem:} paths are relative to that file's
 * folder, {@code classpath:} paths to the module's {@code src/main/resources}. Without any, the
 * location is the {@code db/migration} folder that holds the file (Flyway's default), or the file's
 * own folder. Flyway searches a location's sub-folders too.
 */
final class FlywayOrder {
  private static final Pattern NAME = Pattern.compile("^(V|R)([0-9][0-9._]*)?__(.+)\\.sql$");
  private static final Pattern CONF_LOCATIONS = Pattern.compile("(?m)^\\s*(?:spring\\.)?flyway\\.locations\\s*[=:]\\s*(.+)$");
  private static final Pattern TOML_LOCATIONS = Pattern.compile("(?m)^\\s*locations\\s*=\\s*\\[([^\\]]*)]");
  private static final List<String> CONFIG_FILES = List.of("flyway.conf", "conf/flyway.conf", "flyway.toml",
      "src/main/resources/application.properties");

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
          Matcher m = NAME.matcher(p.getFileName().toString());
          if (!m.matches() || !attrs.isRegularFile()) return FileVisitResult.CONTINUE;
          String description = m.group(3).replace('_', ' ');
          if (m.group(1).equals("R")) {
            repeatable.add(new Entry(p, null, description));
          } else {
            // a version Flyway does not accept either (V1.a__x.sql) is not a migration
            MigrationVersion.parse(m.group(2)).ifPresent(v -> versioned.add(new Entry(p, v, description)));
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

  /**
   * Where Flyway looks for migrations.
   *
   * @param known whether a configuration names them or they are Flyway's default db/migration, rather than
   *              the file's own folder taken for want of either
   */
  record Locations(List<Path> paths, boolean known) {}

  /** The locations of the project that holds {@code file}; always one that holds it. */
  static Locations locations(Path file) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    Path dir = file.getParent();
    for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
      for (String name : CONFIG_FILES) {
        Path config = dir.resolve(name);
        if (!Files.isRegularFile(config)) continue;
        List<Path> configured = configured(config, dir);
        if (configured.stream().anyMatch(file::startsWith)) {
          for (Path p : configured) if (Files.isDirectory(p)) out.add(p);
          return new Locations(List.copyOf(out), true);
        }
      }
    }
    for (Path p = file.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
      if (p.getFileName().toString().equals("migration") && p.getParent().getFileName().toString().equals("db")) {
        return new Locations(List.of(p), true);
      }
    }
    return new Locations(List.of(file.getParent()), false);
  }

  /** The locations a configuration file names, resolved against the project folder {@code base}. */
  private static List<Path> configured(Path config, Path base) throws IOException {
    String text = Files.readString(config);
    List<String> values = new ArrayList<>();
    Matcher toml = TOML_LOCATIONS.matcher(text);
    if (config.getFileName().toString().endsWith(".toml")) {
      while (toml.find()) for (String v : toml.group(1).split(",")) values.add(v.strip().replaceAll("^[\"']|[\"']$", ""));
    } else {
      Matcher conf = CONF_LOCATIONS.matcher(text);
      while (conf.find()) for (String v : conf.group(1).split(",")) values.add(v.strip());
    }
    List<Path> out = new ArrayList<>();
    for (String v : values) {
      if (v.isEmpty()) continue;
      if (v.startsWith("filesystem:")) {
        out.add(base.resolve(v.substring("filesystem:".length())).normalize());
      } else {
        String path = v.startsWith("classpath:") ? v.substring("classpath:".length()) : v;
        out.add(base.resolve("src/main/resources").resolve(path.replaceFirst("^/", "")).normalize());
      }
    }
    return out;
  }
}
