package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Node migration tools a package.json depends on: node-pg-migrate and postgres-migrations
 * number plain .sql files with nothing in them that names the tool, so the project's dependency
 * on the tool is the evidence.
 *
 * @param file the package.json
 * @param tools the migration tools among its dependencies and devDependencies
 * @param note why it could not be read, or null
 */
record PackageJson(Path file, Set<String> tools, Text note) {
  static final Set<String> MIGRATION_TOOLS = Set.of("node-pg-migrate", "postgres-migrations");
  private static final long MAX_BYTES = 4L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The nearest package.json at or above {@code dir}, inside its repository, or null. */
  static PackageJson nearest(Path dir, int maxLevels) {
    Path f = ProjectFile.nearest(dir, "package.json", maxLevels);
    return f == null ? null : read(f);
  }

  static PackageJson read(Path file) {
    ProjectFile read = ProjectFile.read(file, MAX_BYTES);
    if (read.bytes() == null) return new PackageJson(file, Set.of(), read.note());
    JsonNode root;
    try {
      root = JSON.readTree(read.bytes());
    } catch (IOException e) {
      return new PackageJson(file, Set.of(), ProjectFile.unreadable(file, Text.of("not JSON")));
    }
    Set<String> tools = new TreeSet<>();
    for (String section : new String[] {"dependencies", "devDependencies"}) {
      root.path(section).fieldNames().forEachRemaining(name -> {
        if (MIGRATION_TOOLS.contains(name)) tools.add(name);
      });
    }
    return new PackageJson(file, tools, null);
  }
}
