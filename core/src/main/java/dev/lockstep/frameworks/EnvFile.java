package dev.lockstep.frameworks;

import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 */
record EnvFile(Path file, Map<Framework, Map.Entry<String, Path>> folders) {
  private static final long MAX_BYTES = 1L << 20;
  private static final Map<String, Framework> KEYS = Map.of("DBMATE_MIGRATIONS_DIR", Framework.DBMATE,
      "GOOSE_MIGRATION_DIR", Framework.GOOSE);
  private static final Pattern LINE = Pattern.compile(
      "(?m)^[ \\t]*(?:export[ \\t]+)?(DBMATE_MIGRATIONS_DIR|GOOSE_MIGRATION_DIR)[ \\t]*=[ \\t]*(?:\"([^\"\\n]*)\"|'([^'\\n]*)'|([^#\\s]*))");

  /** The nearest .env at or above {@code dir}, inside its repository, or null. */
  static EnvFile nearest(Path dir, int maxLevels) {
    for (int level = 0; dir != null && level < maxLevels; level++, dir = dir.getParent()) {
      Path f = dir.resolve(".env");
      if (Files.isRegularFile(f)) return read(f);
      if (Files.exists(dir.resolve(".git"))) return null;
    }
    return null;
  }

  static EnvFile read(Path file) {
    Map<Framework, Map.Entry<String, Path>> out = new LinkedHashMap<>();
    try {
      String text = new String(BoundedRead.file(file, MAX_BYTES), StandardCharsets.UTF_8);
      Matcher m = LINE.matcher(text);
      while (m.find()) {
        String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        if (value.isEmpty()) continue;
        try {
          out.put(KEYS.get(m.group(1)), Map.entry(m.group(1) + "=" + value, file.getParent().resolve(value).normalize()));
        } catch (InvalidPathException e) {
          // not a folder name: the tool would not find it either
        }
      }
    } catch (IOException e) {
      // an unreadable .env decides nothing; markers still do
    }
    return new EnvFile(file, out);
  }
}
