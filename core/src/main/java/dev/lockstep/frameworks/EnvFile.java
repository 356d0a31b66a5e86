package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations folders a project's .env names for the tools that read it: dbmate
 * (DBMATE_MIGRATIONS_DIR) and goose (GOOSE_MIGRATION_DIR). Only those keys are kept: the file also
 * holds secrets such as DATABASE_URL, which are never read into memory as values.
 *
 * @param file the .env file
 * @param folders tool -> (key as written, folder resolved against the .env's folder)
 * @param note why it could not be read, or null
 */
record EnvFile(Path file, Map<Framework, Map.Entry<String, Path>> folders, Text note) {
  private static final long MAX_BYTES = 1L << 20;
  private static final Map<String, Framework> KEYS = Map.of("DBMATE_MIGRATIONS_DIR", Framework.DBMATE,
      "GOOSE_MIGRATION_DIR", Framework.GOOSE);
  private static final Pattern LINE = Pattern.compile(
      "(?m)^[ \\t]*(?:export[ \\t]+)?(DBMATE_MIGRATIONS_DIR|GOOSE_MIGRATION_DIR)[ \\t]*=[ \\t]*(?:\"([^\"\\n]*)\"|'([^'\\n]*)'|([^#\\s]*))");

  /** The nearest .env at or above {@code dir}, inside its repository, or null. */
  static EnvFile nearest(Path dir, int maxLevels) {
    Path f = ProjectFile.nearest(dir, ".env", maxLevels);
    return f == null ? null : read(f);
  }

  static EnvFile read(Path file) {
    ProjectFile read = ProjectFile.read(file, MAX_BYTES);
    Map<Framework, Map.Entry<String, Path>> out = new LinkedHashMap<>();
    if (read.bytes() == null) return new EnvFile(file, out, read.note());
    Matcher m = LINE.matcher(new String(read.bytes(), StandardCharsets.UTF_8));
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      if (value.isEmpty()) continue;
      try {
        out.put(KEYS.get(m.group(1)), Map.entry(m.group(1) + "=" + value, file.getParent().resolve(value).normalize()));
      } catch (InvalidPathException e) {
        // not a folder name: the tool would not find it either
      }
    }
    return new EnvFile(file, out, null);
  }
}
