package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Drizzle's order: the entries of {@code meta/_journal.json} as they stand in its {@code entries}
 * array, each naming {@code <tag>.sql} beside the {@code meta} folder. Drizzle's migrator reads them
 * so and stops with "No file ... found" when an entry's file is missing; a SQL file the journal does
 * not name is never run. It records an applied migration's {@code when} as {@code created_at}.
 * Source: drizzle-orm, src/migrator.ts ({@code readMigrationFiles}).
 */
final class DrizzleOrder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DrizzleOrder() {}

  static boolean applies(Path file) {
    return Files.isRegularFile(journal(file));
  }

  static Path journal(Path file) {
    return file.getParent().resolve("meta").resolve("_journal.json");
  }

  static MigrationOrder of(Path file) throws IOException {
    Path journal = journal(file);
    String text = Files.readString(journal);
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String reason = e.getOriginalMessage();
      return MigrationOrder.failed(new HistoryProblem(journal, at == null ? 1 : Math.max(1, at.getLineNr()),
          at == null ? 1 : Math.max(1, at.getColumnNr()), Text.of("the journal is not valid JSON: %s", String.valueOf(reason))));
    }
    JsonNode entries = root == null ? null : root.get("entries");
    if (entries == null || !entries.isArray()) {
      return MigrationOrder.failed(HistoryProblem.at(journal, Text.of("the journal has no \"entries\" list")));
    }
    List<Migration> out = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode tag = entry.get("tag");
      if (tag == null || !tag.isTextual() || tag.asText().isEmpty()) {
        return MigrationOrder.failed(TextPositions.problemAt(journal, text, Pattern.compile("\"idx\"\\s*:\\s*"
            + entry.path("idx").asText("-") + "\\b"), Text.of("a journal entry without a \"tag\" names no migration file")));
      }
      Path migration = file.getParent().resolve(tag.asText() + ".sql").normalize();
      if (!Files.isRegularFile(migration)) {
        return MigrationOrder.failed(TextPositions.problemAt(journal, text,
            Pattern.compile("\"tag\"\\s*:\\s*\"" + Pattern.quote(tag.asText()) + "\""),
            Text.of("the journal names %s, which does not exist: Drizzle's migrator stops there", String.valueOf(migration.getFileName()))));
      }
      String when = entry.path("when").asText("");
      out.add(new Migration(migration, tag.asText(), when, MigrationVersion.parse(entry.path("idx").asText()).orElse(null)));
    }
    return MigrationOrder.of(out);
  }
}
