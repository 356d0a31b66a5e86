package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether Liquibase has run every changeset of a SQL file. {@code databasechangelog} has a row per
 * changeset run: its {@code id}, {@code author} and {@code filename} (the path as the changelog
 * included it, or the file's {@code logicalFilePath}). A formatted SQL file
 * ({@code --liquibase formatted sql}) holds the changesets its {@code --changeset author:id} lines
 * start; any other SQL file is one changeset with id {@code raw} and author {@code includeAll}
 * (source: Liquibase, FormattedSqlChangeLogParser and SqlChangeLogParser). A changeset marked
 * {@code runAlways:true} runs on every update, so its file is always pending.
 */
final class LiquibaseApplied {
  private static final Pattern FORMATTED = Pattern.compile("(?i)\\s*--\\s*liquibase\\s+formatted\\s+sql\\b(.*)");
  private static final Pattern CHANGESET = Pattern.compile(
      "(?i)\\s*--\\s*changeset\\s+(\"[^\"]+\"|[^:\\s]+):\\s*(\"[^\"]+\"|\\S+)(.*)");
  private static final Pattern LOGICAL_PATH = Pattern.compile("(?i)\\blogicalFilePath:\\s*(\"[^\"]+\"|\\S+)");
  private static final Pattern RUN_ALWAYS = Pattern.compile("(?i)\\brunAlways:\\s*true\\b");

  private record Changeset(String author, String id, String logicalPath) {}

  private LiquibaseApplied() {}

  /** The history table when every changeset of the file has a row, else null (pending, or cannot be told). */
  static String appliedIn(Path file, List<StatsSnapshot.AppliedMigration> rows) {
    if (rows.isEmpty()) return null;
    List<Changeset> changesets;
    try {
      changesets = changesets(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null; // lint reports a file it cannot read
    }
    if (changesets == null || changesets.isEmpty()) return null;
    Path absolute = file.toAbsolutePath().normalize();
    String table = null;
    for (Changeset c : changesets) {
      table = null;
      for (StatsSnapshot.AppliedMigration row : rows) {
        Recorded r = Recorded.of(row);
        if (r != null && r.id().equals(c.id()) && r.author().equals(c.author()) && samePath(absolute, c.logicalPath(), r.filename())) {
          table = row.table();
          break;
        }
      }
      if (table == null) return null;
    }
    return table;
  }

  /** The file's changesets, or null when one runs on every update. */
  private static List<Changeset> changesets(String text) {
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    List<String> lines = text.lines().toList();
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) first++;
    Matcher header = first < lines.size() ? FORMATTED.matcher(lines.get(first)) : null;
    if (header == null || !header.matches()) return List.of(new Changeset("includeAll", "raw", null));
    String fileLogicalPath = logicalPath(header.group(1));
    List<Changeset> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = CHANGESET.matcher(line);
      if (!m.matches()) continue;
      if (RUN_ALWAYS.matcher(m.group(3)).find()) return null;
      String own = logicalPath(m.group(3));
      out.add(new Changeset(unquote(m.group(1)), unquote(m.group(2)), own != null ? own : fileLogicalPath));
    }
    return out;
  }

  private static String logicalPath(String attributes) {
    Matcher m = LOGICAL_PATH.matcher(attributes);
    return m.find() ? unquote(m.group(1)) : null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  /**
   * A logical path is compared as written; a physical one names the file when the file's path ends
   * with it (the changelog's search path is not known here: db/changelog/001.sql is
   * src/main/resources/db/changelog/001.sql).
   */
  private static boolean samePath(Path file, String logicalPath, String recorded) {
    String path = recorded.replace('\\', '/').replaceFirst("^classpath\\*?:", "").replaceFirst("^(\\./|/)+", "");
    if (logicalPath != null) return logicalPath.replace('\\', '/').replaceFirst("^(\\./|/)+", "").equals(path);
    if (path.isEmpty()) return false;
    try {
      return file.endsWith(Path.of(path).normalize());
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** A databasechangelog row as a stats snapshot keeps it: version = id, name = filename::id::author. */
  private record Recorded(String filename, String id, String author) {
    static Recorded of(StatsSnapshot.AppliedMigration row) {
      String name = row.name();
      if (name == null || row.version() == null) return null;
      String tail = "::" + row.version() + "::";
      int at = name.indexOf(tail);
      if (at < 0) return null;
      return new Recorded(name.substring(0, at), row.version(), name.substring(at + tail.length()));
    }
  }
}
