package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.history.PendingMigrations;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require-index-for-foreign-key knows the indexes the earlier migrations of a Flyway history
 * created, and the drops before the foreign key: the last migration adds it.
 */
class ForeignKeyIndexHistoryTest {
  private static final String TABLES = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
      + "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint, note text);\n";
  private static final String FOREIGN_KEY = "SET lock_timeout = '2s';\n"
      + "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;\n";

  @TempDir
  Path dir;

  @Test
  void anIndexFromAnEarlierMigrationServesTheForeignKey() throws IOException {
    assertThat(findings(TABLES + "CREATE INDEX orders_account_idx ON orders (account_id, note);\n", FOREIGN_KEY)).isEmpty();
  }

  @Test
  void withoutOneTheForeignKeyIsFlaggedAtItsLine() throws IOException {
    assertThat(findings(TABLES + "CREATE INDEX orders_note_idx ON orders (note, account_id);\n", FOREIGN_KEY))
        .containsExactly("require-index-for-foreign-key@2:1");
  }

  @Test
  void anIndexDroppedSinceNoLongerCounts() throws IOException {
    assertThat(findings(TABLES + "CREATE INDEX orders_account_idx ON orders (account_id);\n",
        "SET lock_timeout = '2s';\nDROP INDEX orders_account_idx;\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;\n"))
        .containsExactly("require-index-for-foreign-key@3:1");
  }

  /** Lints the last of the migrations V1, V2, ... (all applied), with only the rule under test reported. */
  private List<String> findings(String... migrations) throws IOException {
    Path folder = dir.resolve("src/main/resources/db/migration");
    Files.createDirectories(folder);
    Path last = null;
    for (int i = 0; i < migrations.length; i++) {
      last = Files.writeString(folder.resolve("V" + (i + 1) + "__step_" + (i + 1) + ".sql"), migrations[i]);
    }
    LintOptions options = new LintOptions(LintOptions.NEWEST_PG_VERSION, false, Set.of("require-index-for-foreign-key"),
        Set.of(), LintOptions.DEFAULT_MAX_LOCK_TIMEOUT_MILLIS);
    MigrationLinter linter = new MigrationLinter(options, new PathRules(Config.NONE), null, false)
        .withHistory(new PendingMigrations(null, null, null));
    LintReport report = linter.lintAll(List.of(SourceFile.of(last.toString(), Files.readString(last))), List.of());
    assertThat(report.problems()).isEmpty();
    return report.findings().stream().filter(f -> f.ruleId().equals("require-index-for-foreign-key"))
        .map(f -> f.ruleId() + "@" + f.start().line() + ":" + f.start().column()).toList();
  }
}
