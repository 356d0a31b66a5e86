package dev.lockstep.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Whether Drizzle's migrator would leave a migration file alone. It records each migration it runs
 * in {@code __drizzle_migrations} as the SHA-256 of the file's text ({@code hash}) and the journal
 * entry's {@code when} ({@code created_at}), and runs only the journal entries whose {@code when}
 * is after the newest {@code created_at} (source: drizzle-orm, {@code readMigrationFiles} in
 * src/migrator.ts and {@code migrate} in src/pg-core/dialect.ts). So a file is applied when a row
 * has its hash, and is skipped all the same when its {@code when} is not after that newest row.
 */
final class DrizzleApplied {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DrizzleApplied() {}

  /** The history table and why the file will not run, or null when it is pending (or cannot be told). */
  static String appliedIn(Path file, List<StatsSnapshot.AppliedMigration> rows) {
    if (rows.isEmpty()) return null;
    String hash;
    Long when;
    try {
      hash = hash(Files.readAllBytes(file));
      when = journalTime(file);
    } catch (IOException e) {
      return null; // lint reports a file it cannot read; the journal's problems are the history's
    }
    StatsSnapshot.AppliedMigration newest = null;
    for (StatsSnapshot.AppliedMigration row : rows) {
      if (hash.equals(row.name())) return row.table();
      if (createdAt(row) != null && (newest == null || createdAt(row).compareTo(createdAt(newest)) > 0)) newest = row;
    }
    if (when == null || newest == null || BigDecimal.valueOf(when).compareTo(createdAt(newest)) > 0) return null;
    return newest.table() + ": no row has this file's hash, but Drizzle runs only migrations whose journal time is after "
        + "the newest created_at, " + newest.version();
  }

  /** The hex SHA-256 of the file's text as Node reads it (UTF-8, malformed bytes replaced). */
  static String hash(byte[] content) {
    try {
      byte[] text = new String(content, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The {@code when} of the journal entry whose tag names the file, or null. */
  private static Long journalTime(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path journal = dir.resolve("meta").resolve("_journal.json");
    if (!Files.isRegularFile(journal)) return null;
    JsonNode root = JSON.readTree(journal.toFile());
    String name = file.getFileName().toString();
    if (root == null || !name.endsWith(".sql")) return null;
    String tag = name.substring(0, name.length() - 4);
    for (JsonNode entry : root.path("entries")) {
      if (tag.equals(entry.path("tag").asText(null)) && entry.path("when").canConvertToLong()) {
        return entry.path("when").asLong();
      }
    }
    return null;
  }

  private static BigDecimal createdAt(StatsSnapshot.AppliedMigration row) {
    try {
      return row.version() == null ? null : new BigDecimal(row.version().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
