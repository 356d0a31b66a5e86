package dev.lockstep.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.frameworks.Framework;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drizzle's and Liquibase's files matched to the rows their tools write. The rows are those the
 * real tools wrote for these very files: drizzle-orm 0.45.4's node-postgres migrator and Liquibase
 * 4.33.0's update, run once against PostgreSQL 15 (the hashes and paths below are what they stored).
 */
class ToolHistoryMatchTest {
  static final String USERS = "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"email\" text\n);\n";
  static final String EMAIL = "CREATE INDEX \"users_email_idx\" ON \"users\" USING btree (\"email\");";
  static final String USERS_HASH = "c2671fd39a9e4d53ce77d1db9552e867a168fe231c905ae64a21a404fb9d7b9e";
  static final String EMAIL_HASH = "25c83a5d13a159daa4baea987ff4f42d4e050325d51294a089dd8453a28c5d20";
  static final String DRIZZLE_TABLE = "drizzle.__drizzle_migrations";
  static final String LIQUIBASE_TABLE = "public.databasechangelog";

  @TempDir
  Path dir;

  /** drizzle-kit's layout: the SQL files beside meta/_journal.json, whose entries give each tag's time. */
  static Path drizzleFolder(Path root) throws IOException {
    Path drizzle = Files.createDirectories(root.resolve("drizzle/meta")).getParent();
    Files.writeString(drizzle.resolve("0000_init.sql"), USERS);
    Files.writeString(drizzle.resolve("0001_email.sql"), EMAIL);
    Files.writeString(drizzle.resolve("meta/_journal.json"), """
        {
          "version": "7",
          "dialect": "postgresql",
          "entries": [
            { "idx": 0, "version": "7", "when": 1717000000000, "tag": "0000_init", "breakpoints": true },
            { "idx": 1, "version": "7", "when": 1717000100000, "tag": "0001_email", "breakpoints": true }
          ]
        }
        """);
    return drizzle;
  }

  /** A Liquibase project: a master changelog including a formatted SQL file, a raw one and a folder. */
  static Path liquibaseProject(Path root) throws IOException {
    Path changelog = Files.createDirectories(root.resolve("db/changelog/sql")).getParent();
    Files.createDirectories(changelog.resolve("views"));
    Files.writeString(changelog.resolve("db.changelog-master.yaml"), """
        databaseChangeLog:
          - include:
              file: db/changelog/sql/001_users.sql
          - include:
              file: sql/002_orders.sql
              relativeToChangelogFile: true
          - includeAll:
              path: db/changelog/views/
        """);
    Files.writeString(changelog.resolve("sql/001_users.sql"), "--liquibase formatted sql\n\n--changeset alice:1\n"
        + "CREATE TABLE users (id int PRIMARY KEY, email text);\n\n--changeset alice:2\n"
        + "CREATE INDEX users_email_idx ON users (email);\n");
    Files.writeString(changelog.resolve("sql/002_orders.sql"), "CREATE TABLE orders (id int PRIMARY KEY, user_id int);\n");
    Files.writeString(changelog.resolve("views/v1.sql"), "CREATE VIEW user_emails AS SELECT email FROM users;\n");
    return changelog;
  }

  static StatsSnapshot.AppliedMigration drizzleRow(String hash, String createdAt) {
    return new StatsSnapshot.AppliedMigration("drizzle", DRIZZLE_TABLE, createdAt, hash);
  }

  /** As HistoryTables reads a databasechangelog row: version = id, name = filename::id::author. */
  static StatsSnapshot.AppliedMigration liquibaseRow(String id, String author, String filename) {
    return new StatsSnapshot.AppliedMigration("liquibase", LIQUIBASE_TABLE, id, filename + "::" + id + "::" + author);
  }

  @Test
  void drizzleFilesAreAppliedByTheirHashOrBelowTheNewestJournalTime() throws IOException {
    Path drizzle = drizzleFolder(dir);
    Path init = drizzle.resolve("0000_init.sql");
    Path email = drizzle.resolve("0001_email.sql");
    assertThat(DrizzleApplied.hash(Files.readAllBytes(init))).isEqualTo(USERS_HASH);

    PendingMigrations first = new PendingMigrations(List.of(drizzleRow(USERS_HASH, "1717000000000")));
    assertThat(first.appliedIn(Framework.DRIZZLE, init)).isEqualTo(DRIZZLE_TABLE);
    assertThat(first.appliedIn(Framework.DRIZZLE, email)).isNull();

    PendingMigrations both = new PendingMigrations(List.of(drizzleRow(USERS_HASH, "1717000000000"),
        drizzleRow(EMAIL_HASH, "1717000100000")));
    assertThat(both.appliedIn(Framework.DRIZZLE, email)).isEqualTo(DRIZZLE_TABLE);

    // Edited after it ran: no row has its hash, and the migrator still skips it (its time is not after the newest row's).
    Files.writeString(init, USERS + "-- edited\n");
    assertThat(both.appliedIn(Framework.DRIZZLE, init)).isEqualTo(DRIZZLE_TABLE + ": no row has this file's hash, but "
        + "Drizzle runs only migrations whose journal time is after the newest created_at, 1717000100000");
    // A migration merged from another branch with an older time is never run either.
    PendingMigrations newerOnly = new PendingMigrations(List.of(drizzleRow(EMAIL_HASH, "1717000100000")));
    assertThat(newerOnly.appliedIn(Framework.DRIZZLE, init)).startsWith(DRIZZLE_TABLE + ": no row has this file's hash");
    // No Drizzle rows at all: pending.
    assertThat(new PendingMigrations(List.of()).appliedIn(Framework.DRIZZLE, email)).isNull();
  }

  @Test
  void liquibaseFilesAreAppliedWhenEveryChangesetHasARowForTheirPath() throws IOException {
    Path changelog = liquibaseProject(dir);
    Path users = changelog.resolve("sql/001_users.sql");
    Path orders = changelog.resolve("sql/002_orders.sql");
    Path view = changelog.resolve("views/v1.sql");
    List<StatsSnapshot.AppliedMigration> all = List.of(
        liquibaseRow("1", "alice", "db/changelog/sql/001_users.sql"),
        liquibaseRow("2", "alice", "db/changelog/sql/001_users.sql"),
        liquibaseRow("raw", "includeAll", "db/changelog/sql/002_orders.sql"),
        liquibaseRow("raw", "includeAll", "db/changelog/views/v1.sql"));
    PendingMigrations applied = new PendingMigrations(all);
    assertThat(applied.appliedIn(Framework.LIQUIBASE, users)).isEqualTo(LIQUIBASE_TABLE);
    assertThat(applied.appliedIn(Framework.LIQUIBASE, orders)).isEqualTo(LIQUIBASE_TABLE);
    // a raw SQL file carries no Liquibase header, so it is detected as plain SQL: still matched
    assertThat(applied.appliedIn(Framework.PLAIN, view)).isEqualTo(LIQUIBASE_TABLE);

    // One changeset of two has run: the file is pending.
    PendingMigrations half = new PendingMigrations(List.of(all.get(0)));
    assertThat(half.appliedIn(Framework.LIQUIBASE, users)).isNull();
    // The same id and author recorded for another path (classpath: prefix ignored) is another changeset.
    assertThat(new PendingMigrations(List.of(liquibaseRow("1", "alice", "classpath:db/other/001_users.sql"),
        liquibaseRow("2", "alice", "db/other/001_users.sql"))).appliedIn(Framework.LIQUIBASE, users)).isNull();
    assertThat(new PendingMigrations(List.of(liquibaseRow("1", "alice", "classpath:/db/changelog/sql/001_users.sql"),
        liquibaseRow("2", "alice", "db/changelog/sql/001_users.sql"))).appliedIn(Framework.LIQUIBASE, users))
        .isEqualTo(LIQUIBASE_TABLE);
    // A changeset that runs on every update keeps its file pending.
    Files.writeString(users, "--liquibase formatted sql\n\n--changeset alice:1 runAlways:true\nSELECT 1;\n");
    assertThat(applied.appliedIn(Framework.LIQUIBASE, users)).isNull();
    // A logicalFilePath replaces the physical path in the table.
    Path logical = Files.writeString(changelog.resolve("sql/003_logical.sql"),
        "--liquibase formatted sql logicalFilePath:app/orders.sql\n\n--changeset \"bob smith\":7\nSELECT 1;\n");
    assertThat(new PendingMigrations(List.of(liquibaseRow("7", "bob smith", "app/orders.sql")))
        .appliedIn(Framework.LIQUIBASE, logical)).isEqualTo(LIQUIBASE_TABLE);
    assertThat(new PendingMigrations(List.of(liquibaseRow("7", "bob smith", "db/changelog/sql/003_logical.sql")))
        .appliedIn(Framework.LIQUIBASE, logical)).isNull();
  }
}
