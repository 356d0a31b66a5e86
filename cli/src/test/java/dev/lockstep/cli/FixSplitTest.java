package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep fix --split}: new migrations in each tool's own form, written or printed. */
class FixSplitTest {
  @TempDir
  Path dir;

  static final String INDEX = "CREATE INDEX orders_customer_idx ON orders (customer_id);\n";
  static final String CONCURRENT = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";
  static final String DROP = "DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;\n";

  /**
   * Flyway's lock transaction would make a split CREATE INDEX CONCURRENTLY wait forever, so the folder's
   * flyway.conf turns it off (the test without it: flywayRefusesToSplitWhileItsLockTransactionIsOn).
   */
  @BeforeEach
  void flywayLockOutsideATransaction() throws Exception {
    write("flyway.conf", LOCK_OFF);
  }

  static final String LOCK_OFF = "flyway.postgresql.transactional.lock=false\n";

  Path write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** Every file under the folder, by relative path. */
  Map<String, String> files() throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        if (p.equals(dir.resolve("flyway.conf"))) continue;
        out.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  CliRunner.Result split(String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "fix";
    args[1] = "--unsafe-fixes";
    args[2] = "--split";
    System.arraycopy(extra, 0, args, 3, extra.length);
    args[args.length - 1] = dir.toString();
    return CliRunner.run(args);
  }

  static String header(String from, boolean outside) {
    return "-- Split from " + from + " by lockstep fix --split: " + (outside ? "it must run outside a transaction block."
        : "it must run in a transaction of its own, after " + from + " commits.") + "\n";
  }

  @Test
  void flywayGetsVersionedScriptsRightAfterTheOriginalWithTheirConf() throws Exception {
    write("db/migration/V2__orders.sql", "SET lock_timeout = '2s';\n-- the customer page filters by customer\n" + INDEX
        + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n");
    write("db/migration/V3__later.sql", "SELECT 1;\n");
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(files()).isEqualTo(Map.of(
        "db/migration/V2__orders.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk "
            + "FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n",
        "db/migration/V2.1__orders_customer_idx_concurrently.sql", header("V2__orders.sql", true)
            + "-- the customer page filters by customer\n" + CONCURRENT,
        "db/migration/V2.1__orders_customer_idx_concurrently.sql.conf", "executeInTransaction=false\n",
        "db/migration/V2.2__validate_orders_customer_fk.sql", header("V2__orders.sql", false)
            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n",
        "db/migration/V3__later.sql", "SELECT 1;\n"));
    // The split migrations are clean, and splitting again changes nothing.
    CliRunner.Result lint = CliRunner.run("lint", "--format", "gcc", dir.toString());
    assertThat(lint.out()).doesNotContain("require-concurrent-index", "require-not-valid-foreign-key",
        "ban-concurrently-in-transaction", "ban-validate-in-same-transaction");
    Map<String, String> once = files();
    assertThat(split().err()).isEmpty();
    assertThat(files()).isEqualTo(once);
  }

  @Test
  void flywayRefusesToSplitWhileItsLockTransactionIsOn() throws Exception {
    Files.delete(dir.resolve("flyway.conf"));
    String text = "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX;
    write("db/migration/V2__orders.sql", text);
    CliRunner.Result r = split();
    assertThat(r.err()).contains("flyway.postgresql.transactional.lock=false");
    assertThat(files()).isEqualTo(Map.of("db/migration/V2__orders.sql", text));
  }

  @Test
  void flywayVersionsSkipOneThatIsTaken() throws Exception {
    write("db/migration/V2__orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    write("db/migration/V2.1__taken.sql", "SELECT 1;\n");
    assertThat(split().code()).isZero();
    assertThat(files()).containsKey("db/migration/V2.0.1__orders_customer_idx_concurrently.sql");
  }

  @Test
  void gooseGetsTheNextVersionMarkedNoTransaction() throws Exception {
    write("db/migrations/20240612093000_orders.sql", "-- +goose Up\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX
        + "\n-- +goose Down\nDROP INDEX orders_customer_idx;\nALTER TABLE orders DROP COLUMN note;\n");
    CliRunner.Result r = split();
    assertThat(r.err()).contains(dir.resolve("db/migrations/20240612093000_orders.sql")
        + ": its down section still mentions orders_customer_idx, which the new migration handles now: review it");
    assertThat(files()).isEqualTo(Map.of(
        "db/migrations/20240612093000_orders.sql", "-- +goose Up\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN "
            + "note text;\n\n-- +goose Down\nDROP INDEX orders_customer_idx;\nALTER TABLE orders DROP COLUMN note;\n",
        "db/migrations/20240612093001_orders_customer_idx_concurrently.sql", header("20240612093000_orders.sql", true)
            + "-- +goose NO TRANSACTION\n-- +goose Up\n" + CONCURRENT + "\n-- +goose Down\n" + DROP));
  }

  @Test
  void dbmateGetsOneStatementPerNonTransactionalMigration() throws Exception {
    write("db/migrations/20240701120000_orders.sql", "-- migrate:up\nSET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX + "CREATE INDEX orders_note_idx ON orders (note);\n"
        + "\n-- migrate:down\nALTER TABLE orders DROP COLUMN note;\n");
    assertThat(split().code()).isZero();
    assertThat(files()).isEqualTo(Map.of(
        "db/migrations/20240701120000_orders.sql", "-- migrate:up\nSET lock_timeout = '2s';\n"
            + "ALTER TABLE orders ADD COLUMN note text;\n\n-- migrate:down\nALTER TABLE orders DROP COLUMN note;\n",
        "db/migrations/20240701120001_orders_customer_idx_concurrently.sql", header("20240701120000_orders.sql", true)
            + "-- migrate:up transaction:false\n" + CONCURRENT + "\n-- migrate:down transaction:false\n" + DROP,
        "db/migrations/20240701120002_orders_note_idx_concurrently.sql", header("20240701120000_orders.sql", true)
            + "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n"
            + "\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY IF EXISTS orders_note_idx;\n"));
  }

  @Test
  void golangMigrateGetsANumberedPair() throws Exception {
    write("migrations/000007_orders.up.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    write("migrations/000007_orders.down.sql", "ALTER TABLE orders DROP COLUMN note;\n");
    assertThat(split().code()).isZero();
    assertThat(files()).isEqualTo(Map.of(
        "migrations/000007_orders.up.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n",
        "migrations/000007_orders.down.sql", "ALTER TABLE orders DROP COLUMN note;\n",
        "migrations/000008_orders_customer_idx_concurrently.up.sql", header("000007_orders.up.sql", true) + CONCURRENT,
        "migrations/000008_orders_customer_idx_concurrently.down.sql", DROP));
  }

  @Test
  void golangMigrateWithoutAFreeVersionIsLeftAlone() throws Exception {
    String up = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX;
    write("migrations/000007_orders.up.sql", up);
    write("migrations/000008_next.up.sql", "SELECT 1;\n");
    CliRunner.Result r = split();
    assertThat(r.err()).contains(dir.resolve("migrations/000007_orders.up.sql") + ": not split, nothing was changed: no free version between "
        + "000007 and the next migration (000008); renumber the later migrations first");
    assertThat(Files.readString(dir.resolve("migrations/000007_orders.up.sql"))).isEqualTo(up);
    assertThat(files()).hasSize(2);
  }

  @Test
  void liquibaseGetsANewChangesetAfterTheOneItCameFrom() throws Exception {
    write("db/changelog/changes.sql", "--liquibase formatted sql\n\n--changeset ana:7\nSET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX + "--rollback ALTER TABLE orders DROP COLUMN note;\n\n"
        + "--changeset ana:8\nSET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n");
    assertThat(split().code()).isZero();
    assertThat(files()).isEqualTo(Map.of("db/changelog/changes.sql", "--liquibase formatted sql\n\n--changeset ana:7\n"
        + "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n"
        + "--rollback ALTER TABLE orders DROP COLUMN note;\n\n"
        + "--changeset ana:7-orders_customer_idx_concurrently runInTransaction:false\n"
        + "--comment: Split from changeset ana:7 by lockstep fix --split: it must run outside a transaction block.\n"
        + CONCURRENT + "--rollback " + DROP + "\n"
        + "--changeset ana:8\nSET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;\n\n"
        + "--changeset ana:8-validate_orders_total_check\n--comment: Split from changeset ana:8 by lockstep fix --split: "
        + "it must run in a transaction of its own, after changeset ana:8 commits.\n"
        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n"));
  }

  @Test
  void prismaGetsANewMigrationFolder() throws Exception {
    write("prisma/migrations/20240301120000_orders/migration.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    assertThat(split().code()).isZero();
    assertThat(files()).isEqualTo(Map.of(
        "prisma/migrations/20240301120000_orders/migration.sql", "SET lock_timeout = '2s';\n"
            + "ALTER TABLE orders ADD COLUMN note text;\n",
        "prisma/migrations/20240301120001_orders_customer_idx_concurrently/migration.sql",
        header("20240301120000_orders/migration.sql", true) + CONCURRENT));
  }

  @Test
  void drizzleGetsTheNextMigrationAndAJournalEntry() throws Exception {
    write("drizzle/0001_orders.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n");
    write("drizzle/meta/_journal.json", "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n"
        + "    {\n      \"idx\": 1,\n      \"version\": \"7\",\n      \"when\": 1709290001000,\n"
        + "      \"tag\": \"0001_orders\",\n      \"breakpoints\": true\n    }\n  ]\n}");
    CliRunner.Result r = split();
    assertThat(r.err()).contains("Drizzle runs pending migrations in one transaction: ship "
        + "0002_validate_orders_total_check.sql in a later deploy than 0001_orders.sql");
    assertThat(files()).isEqualTo(Map.of(
        "drizzle/0001_orders.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_total_check "
            + "CHECK (total_cents >= 0) NOT VALID;\nALTER TABLE orders ADD COLUMN note text;\n",
        "drizzle/0002_validate_orders_total_check.sql", header("0001_orders.sql", false)
            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n",
        "drizzle/meta/_journal.json", "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n"
            + "    {\n      \"idx\": 1,\n      \"version\": \"7\",\n      \"when\": 1709290001000,\n"
            + "      \"tag\": \"0001_orders\",\n      \"breakpoints\": true\n    },\n"
            + "    {\n      \"idx\": 2,\n      \"version\": \"7\",\n      \"when\": 1709290001001,\n"
            + "      \"tag\": \"0002_validate_orders_total_check\",\n      \"breakpoints\": true\n    }\n  ]\n}"));
  }

  @Test
  void drizzleMovesAConcurrentIndexToAScriptRunAfterTheMigratorAndKeepsTheRest() throws Exception {
    String journal = "{\"entries\":[{\"idx\":1,\"tag\":\"0001_orders\"}]}";
    write("drizzle/0001_orders.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    write("drizzle/meta/_journal.json", journal);
    CliRunner.Result r = split();
    String script = "post-migrate/0001_orders_orders_customer_idx_concurrently.sql";
    assertThat(r.err()).contains("CREATE ... CONCURRENTLY cannot run inside drizzle-kit's migrator: run " + script
        + " after drizzle-kit migrate in the deploy (from 0001_orders.sql's folder: psql \"$DATABASE_URL\" -f " + script + ")");
    assertThat(files()).isEqualTo(Map.of(
        "drizzle/0001_orders.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n",
        "drizzle/" + script, header("0001_orders.sql", true) + "-- Not a Drizzle migration: run it after drizzle-kit "
            + "migrate has committed, with no transaction: psql \"$DATABASE_URL\" -f " + script + "\n" + CONCURRENT,
        "drizzle/meta/_journal.json", journal));
  }

  @Test
  void drizzleSplitsAFileMixingAConcurrentIndexWithOtherWorkAndLeavesNoEmptyStatement() throws Exception {
    String journal = "{\"entries\":[{\"idx\":1,\"when\":1709290001000,\"tag\":\"0001_orders\",\"breakpoints\":true}]}";
    write("drizzle/0001_orders.sql", "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total_cents);--> statement-breakpoint\n"
        + "ALTER TABLE orders ADD COLUMN note text;--> statement-breakpoint\n"
        + "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);--> statement-breakpoint\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;--> statement-breakpoint\n"
        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n");
    write("drizzle/meta/_journal.json", journal);
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, String> files = files();
    assertThat(files.get("drizzle/0001_orders.sql")).isEqualTo("SET LOCAL lock_timeout = '2s';\n--> statement-breakpoint\n"
        + "ALTER TABLE orders ADD COLUMN note text;--> statement-breakpoint\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;\n");
    assertThat(files.get("drizzle/post-migrate/0001_orders_create_index_concurrently.sql")).endsWith("\n"
        + "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total_cents);\n");
    assertThat(files.get("drizzle/post-migrate/0001_orders_create_index_concurrently_2.sql")).endsWith("\n"
        + "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n");
    assertThat(files.get("drizzle/0002_validate_orders_total_check.sql")).isEqualTo(header("0001_orders.sql", false)
        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n");
    assertThat(r.err()).contains("CREATE ... CONCURRENTLY cannot run inside drizzle-kit's migrator: run "
        + "post-migrate/0001_orders_create_index_concurrently_2.sql after drizzle-kit migrate").doesNotContain("--> ...");
  }

  static final String NODE_PG_MIGRATE_JSON = "{\"devDependencies\": {\"node-pg-migrate\": \"^9.0.0\"}}\n";
  static final String POSTGRES_MIGRATIONS_JSON = "{\"dependencies\": {\"postgres-migrations\": \"^5.3.0\"}}\n";

  @Test
  void nodePgMigrateGetsJavaScriptMigrationsThatLeaveItsTransaction() throws Exception {
    write("package.json", NODE_PG_MIGRATE_JSON);
    write("migrations/1717000100000_orders.sql", "-- Up Migration\nSET LOCAL lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX
        + "ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> '') NOT VALID;\n"
        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;\n"
        + "\n-- Down Migration\nDROP INDEX orders_customer_idx;\nALTER TABLE orders DROP COLUMN note;\n");
    write("migrations/1717000200000_later.sql", "-- Up Migration\nSELECT 1;\n");
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains(dir.resolve("migrations/1717000100000_orders.sql")
        + ": its down section still mentions orders_customer_idx, which the new migration handles now: review it");
    assertThat(files()).isEqualTo(Map.of(
        "package.json", NODE_PG_MIGRATE_JSON,
        "migrations/1717000100000_orders.sql", "-- Up Migration\nSET LOCAL lock_timeout = '2s';\n"
            + "ALTER TABLE orders ADD COLUMN note text;\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> '') NOT VALID;\n"
            + "\n-- Down Migration\nDROP INDEX orders_customer_idx;\nALTER TABLE orders DROP COLUMN note;\n",
        "migrations/1717000100001_orders_customer_idx_concurrently.cjs", "// Split from 1717000100000_orders.sql by "
            + "lockstep fix --split: it must run outside a transaction block.\n"
            + "// pgm.noTransaction(): node-pg-migrate commits the migrations before this one, then runs each statement "
            + "on its own.\n"
            + "exports.up = (pgm) => {\n  pgm.noTransaction();\n"
            + "  pgm.sql(`CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);`);\n};\n\n"
            + "exports.down = (pgm) => {\n  pgm.noTransaction();\n"
            + "  pgm.sql(`DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;`);\n};\n",
        "migrations/1717000100002_validate_orders_note_check.cjs", "// Split from 1717000100000_orders.sql by lockstep "
            + "fix --split: it must run in a transaction of its own, after 1717000100000_orders.sql commits.\n"
            + "// pgm.noTransaction(): node-pg-migrate commits the migrations before this one; the statements, sent in "
            + "one query, run in one transaction.\n"
            + "exports.up = (pgm) => {\n  pgm.noTransaction();\n"
            + "  pgm.sql(`ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;`);\n};\n\n"
            + "// No down migration: lockstep knows no undo for these statements; write one before rolling back past "
            + "this migration.\nexports.down = false;\n",
        "migrations/1717000200000_later.sql", "-- Up Migration\nSELECT 1;\n"));
  }

  @Test
  void nodePgMigratesSectionCommentStaysWhenTheFirstStatementMoves() throws Exception {
    write("package.json", NODE_PG_MIGRATE_JSON);
    write("migrations/1717000100000_orders.sql", "-- Up Migration\n" + CONCURRENT
        + "CREATE TABLE notes (id bigint PRIMARY KEY);\n\n-- Down Migration\nDROP TABLE notes;\n");
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(files().get("migrations/1717000100000_orders.sql")).isEqualTo("-- Up Migration\n"
        + "CREATE TABLE notes (id bigint PRIMARY KEY);\n\n-- Down Migration\nDROP TABLE notes;\n");
  }

  @Test
  void nodePgMigrateSqlIsWrittenAsItIsInAJavaScriptLiteral() throws Exception {
    write("package.json", NODE_PG_MIGRATE_JSON);
    write("migrations/1717000100000_orders.sql", "-- Up Migration\nSET LOCAL lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n"
        + "CREATE INDEX \"orders_`${x}`\\idx\" ON orders (customer_id);\n");
    assertThat(split().code()).isZero();
    assertThat(files().get("migrations/1717000100001_orders_x_idx_concurrently.cjs"))
        .contains("  pgm.sql(`CREATE INDEX CONCURRENTLY \"orders_\\`\\${x}\\`\\\\idx\" ON orders (customer_id);`);\n");
  }

  @Test
  void nodePgMigrateRefusesAUtcPrefixWhoseNextIsNoTime() throws Exception {
    write("package.json", NODE_PG_MIGRATE_JSON);
    String sql = "-- Up Migration\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX;
    write("migrations/20241231235959999_orders.sql", sql);
    CliRunner.Result r = split();
    assertThat(r.err()).contains(dir.resolve("migrations/20241231235959999_orders.sql") + ": not split, nothing was "
        + "changed: node-pg-migrate reads the 17-digit prefix 20241231235959999 as a UTC time, and the next one "
        + "(20241231235960000) is not a valid time: name the new migration by hand");
    assertThat(files()).isEqualTo(Map.of("package.json", NODE_PG_MIGRATE_JSON,
        "migrations/20241231235959999_orders.sql", sql));
  }

  @Test
  void postgresMigrationsGetsTheNextIdMarkedDisableTransaction() throws Exception {
    write("package.json", POSTGRES_MIGRATIONS_JSON);
    write("migrations/1_create-orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n");
    write("migrations/2-orders.sql", "SET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX
        + "CREATE INDEX orders_note_idx ON orders (note);\n");
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(files()).isEqualTo(Map.of(
        "package.json", POSTGRES_MIGRATIONS_JSON,
        "migrations/1_create-orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n",
        "migrations/2-orders.sql", "SET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n",
        // sent in one query: one statement each
        "migrations/3-orders_customer_idx_concurrently.sql", header("2-orders.sql", true)
            + "-- postgres-migrations disable-transaction\n" + CONCURRENT,
        "migrations/4-orders_note_idx_concurrently.sql", header("2-orders.sql", true)
            + "-- postgres-migrations disable-transaction\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n"));
  }

  @Test
  void postgresMigrationsSplitsOnlyItsNewestMigration() throws Exception {
    write("package.json", POSTGRES_MIGRATIONS_JSON);
    String sql = "SET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX;
    write("migrations/2_orders.sql", sql);
    write("migrations/3_later.sql", "SELECT 1;\n");
    CliRunner.Result r = split();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("migrations/2_orders.sql") + ": not split, nothing was changed: "
        + "postgres-migrations needs consecutive ids and checks each applied file's name: only the newest migration can "
        + "be split, and 3_later.sql comes after 2_orders.sql; move the statements by hand");
    assertThat(files()).isEqualTo(Map.of("package.json", POSTGRES_MIGRATIONS_JSON, "migrations/2_orders.sql", sql,
        "migrations/3_later.sql", "SELECT 1;\n"));
  }

  @Test
  void aStoppedNodePgMigrateSplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of("package.json", NODE_PG_MIGRATE_JSON, "migrations/1717000100000_orders.sql",
        "-- Up Migration\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX
            + "CREATE INDEX orders_note_idx ON orders (note);\n"));
  }

  @Test
  void aStoppedPostgresMigrationsSplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of("package.json", POSTGRES_MIGRATIONS_JSON, "migrations/2_orders.sql",
        "SET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX
            + "CREATE INDEX orders_note_idx ON orders (note);\n"));
  }

  @Test
  void aStatementThatALaterOneNeedsStaysWhereItIs() throws Exception {
    String sql = "SET lock_timeout = '2s';\nCREATE UNIQUE INDEX orders_number_idx ON orders (number);\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_idx;\n";
    write("db/migration/V5__unique_number.sql", sql);
    CliRunner.Result r = split();
    assertThat(r.err()).contains("V5__unique_number.sql:2:1: require-concurrent-index not split: a later statement of "
        + "this migration uses orders_number_idx, so it must stay before it; split by hand");
    assertThat(files()).isEqualTo(Map.of("db/migration/V5__unique_number.sql", sql));
  }

  @Test
  void anEnumValueAddedForPostgres11MovesOutOfTheTransactionBeforeItsUse() throws Exception {
    write("db/migrations/20240801120000_status.sql", "-- +goose Up\nSET lock_timeout = '2s';\n"
        + "ALTER TYPE order_status ADD VALUE 'lost';\nUPDATE orders SET status = 'lost' WHERE id = 7;\n"
        + "ALTER TABLE orders ADD COLUMN lost_at timestamptz;\n");
    assertThat(split("--pg-version", "11").code()).isZero();
    assertThat(files()).isEqualTo(Map.of(
        "db/migrations/20240801120000_status.sql", "-- +goose Up\nSET lock_timeout = '2s';\n"
            + "ALTER TABLE orders ADD COLUMN lost_at timestamptz;\n",
        "db/migrations/20240801120001_add_lost_to_order_status.sql", header("20240801120000_status.sql", true)
            + "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TYPE order_status ADD VALUE 'lost';\n",
        "db/migrations/20240801120002_use_lost.sql", header("20240801120000_status.sql", false)
            + "-- +goose Up\nUPDATE orders SET status = 'lost' WHERE id = 7;\n"));
  }

  @Test
  void anEnumValueThatAStayingStatementUsesKeepsItsAddValue() throws Exception {
    // The comment mentions the value and stays, so ADD VALUE must stay before it (the check is cautious).
    String sql = "-- +goose Up\nSET lock_timeout = '2s';\nALTER TYPE order_status ADD VALUE 'lost';\n"
        + "COMMENT ON TYPE order_status IS 'includes lost';\n";
    write("db/migrations/20240801120000_status.sql", sql);
    CliRunner.Result r = split("--pg-version", "11");
    assertThat(r.err()).contains("20240801120000_status.sql:3:1: ban-enum-add-value-in-transaction not split: a later "
        + "statement of this migration uses lost, so it must stay before it; split by hand");
    assertThat(files()).isEqualTo(Map.of("db/migrations/20240801120000_status.sql", sql));
  }

  @Test
  void withoutUnsafeFixesTheSplitIsPrintedAndCheckFails() throws Exception {
    String sql = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX;
    Path file = write("migrations/000007_orders.up.sql", sql);
    CliRunner.Result shown = CliRunner.run("fix", "--split", dir.toString());
    assertThat(shown.code()).isZero();
    assertThat(shown.out()).isEqualTo("--- a/" + file + "\n+++ b/" + file + "\n@@ -1,3 +1,2 @@\n"
        + " SET lock_timeout = '2s';\n ALTER TABLE orders ADD COLUMN note text;\n-" + INDEX
        + "--- /dev/null\n+++ b/" + dir.resolve("migrations/000008_orders_customer_idx_concurrently.up.sql") + "\n"
        + "@@ -0,0 +1,2 @@\n+" + header("000007_orders.up.sql", true) + "+" + CONCURRENT
        + "--- /dev/null\n+++ b/" + dir.resolve("migrations/000008_orders_customer_idx_concurrently.down.sql") + "\n"
        + "@@ -0,0 +1,1 @@\n+" + DROP);
    assertThat(shown.err()).isEqualTo(file + ": split shown above; apply it with --unsafe-fixes --split\n");
    assertThat(CliRunner.run("fix", "--split", "--check", dir.toString()).code()).isEqualTo(1);
    assertThat(CliRunner.run("fix", "--unsafe-fixes", "--split", "--diff", dir.toString()).code()).isZero();
    assertThat(files()).isEqualTo(Map.of("migrations/000007_orders.up.sql", sql));
  }

  @Test
  void crlfMigrationsGetCrlfSplits() throws Exception {
    write("migrations/000007_orders.up.sql", ("SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX)
        .replace("\n", "\r\n"));
    assertThat(split().code()).isZero();
    assertThat(new String(Files.readAllBytes(dir.resolve("migrations/000008_orders_customer_idx_concurrently.up.sql")),
        StandardCharsets.UTF_8)).isEqualTo((header("000007_orders.up.sql", true) + CONCURRENT).replace("\n", "\r\n"));
    assertThat(Files.readString(dir.resolve("migrations/000007_orders.up.sql")))
        .isEqualTo("SET lock_timeout = '2s';\r\nALTER TABLE orders ADD COLUMN note text;\r\n");
  }

  @Test
  void aFlywayVersionTakenInAnotherFolderOfTheLocationIsNotUsedAgain() throws Exception {
    write("db/migration/V2__orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    write("db/migration/2024/V2.1__taken.sql", "SELECT 1;\n");
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(files()).containsKey("db/migration/V2.0.1__orders_customer_idx_concurrently.sql")
        .doesNotContainKey("db/migration/V2.1__orders_customer_idx_concurrently.sql");
  }

  @Test
  void aScriptsSettingsAreWrittenBeforeTheScript() throws Exception {
    Path file = write("db/migration/V2__orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    Path script = file.resolveSibling("V2.1__orders_customer_idx_concurrently.sql");
    assertThat(r.err()).isEqualTo("created " + script + ".conf\ncreated " + script + "\nsplit " + file + "\n");
  }

  @Test
  void aSplitThatIsRefusedChangesNothingNotEvenTheFixes() throws Exception {
    String sql = "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n";
    Path file = write("drizzle/0001_orders.sql", sql);
    write("drizzle/meta/_journal.json", "{\"entries\": [{\"idx\": 1, \"tag\": \"0001_orders\"");
    CliRunner.Result r = split();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(file + ": not split, nothing was changed: cannot read Drizzle's journal");
    assertThat(Files.readString(file)).isEqualTo(sql);
  }

  @Test
  void aDrizzleIndexThatWouldOverflowIsRefused() throws Exception {
    String sql = "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n";
    Path file = write("drizzle/0001_orders.sql", sql);
    String journal = "{\"entries\":[{\"idx\":2147483647,\"when\":1,\"tag\":\"0001_orders\"}]}";
    write("drizzle/meta/_journal.json", journal);
    CliRunner.Result r = split();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(file + ": not split, nothing was changed: the last entry of meta/_journal.json has "
        + "idx 2147483647; it must be a whole number from 0 to 2147483646 for the next migrations to follow it\n");
    assertThat(files()).isEqualTo(Map.of("drizzle/0001_orders.sql", sql, "drizzle/meta/_journal.json", journal));
  }

  @Test
  void aRerunAfterASplitThatWasStoppedCompletesItWithoutASecondCopy() throws Exception {
    String original = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX;
    write("db/migration/V2__orders.sql", original);
    assertThat(split().code()).isZero();
    Map<String, String> complete = files();
    String script = "db/migration/V2.1__orders_customer_idx_concurrently.sql";
    assertThat(complete).containsKeys(script, script + ".conf");

    // stopped after the settings only, then after the settings and the script: the original is as it was
    for (boolean scriptWritten : new boolean[] {false, true}) {
      Files.writeString(dir.resolve("db/migration/V2__orders.sql"), original);
      if (!scriptWritten) Files.delete(dir.resolve(script));
      CliRunner.Result rerun = split();
      assertThat(rerun.code()).as(rerun.err()).isZero();
      assertThat(files()).isEqualTo(complete);
    }
  }

  @Test
  void aFlywayVersionTakenInAnotherConfiguredLocationIsNotUsedAgain() throws Exception {
    write("flyway.conf", "flyway.locations=filesystem:sql/schema,filesystem:sql/patches\n" + LOCK_OFF);
    write("sql/schema/V2__orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX);
    write("sql/patches/V2.1__taken.sql", "SELECT 1;\n");
    CliRunner.Result r = split();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(files()).containsKey("sql/schema/V2.0.1__orders_customer_idx_concurrently.sql")
        .doesNotContainKey("sql/schema/V2.1__orders_customer_idx_concurrently.sql");
  }

  @Test
  void aStoppedGooseSplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of("db/migrations/20240612093000_orders.sql",
        "-- +goose Up\nSET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX));
  }

  @Test
  void aStoppedDbmateSplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of("db/migrations/20240701120000_orders.sql", "-- migrate:up\nSET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n" + INDEX + "CREATE INDEX orders_note_idx ON orders (note);\n"));
  }

  @Test
  void aStoppedGolangMigrateSplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of(
        "migrations/000007_orders.up.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX,
        "migrations/000007_orders.down.sql", "ALTER TABLE orders DROP COLUMN note;\n"));
  }

  @Test
  void aStoppedPrismaSplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of("prisma/migrations/20240301120000_orders/migration.sql",
        "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX));
  }

  @Test
  void aStoppedDrizzleSplitIsCompletedByARerunEvenAfterItsJournalWasWritten() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of(
        "drizzle/0001_orders.sql", "SET lock_timeout = '2s';\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n",
        "drizzle/meta/_journal.json", "{\"version\":\"7\",\"entries\":[{\"idx\":1,\"version\":\"7\",\"when\":1709290001000,"
            + "\"tag\":\"0001_orders\",\"breakpoints\":true}]}"));
  }

  @Test
  void aStoppedFlywaySplitIsCompletedByARerun() throws Exception {
    rerunsCompleteEveryStoppedRun(Map.of("db/migration/V2__orders.sql",
        "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n" + INDEX));
  }

  /**
   * Splits the project once, then for every point a run can be stopped at (after each new file,
   * after the journal; the original is written last) puts the project back in that state and checks
   * that a rerun ends exactly as the complete run did: no second copy, no refusal.
   */
  private void rerunsCompleteEveryStoppedRun(Map<String, String> project) throws Exception {
    for (Map.Entry<String, String> e : project.entrySet()) write(e.getKey(), e.getValue());
    CliRunner.Result first = split();
    assertThat(first.code()).as(first.err()).isZero();
    Map<String, String> complete = files();
    java.util.List<Path> created = first.err().lines().filter(l -> l.startsWith("created "))
        .map(l -> Path.of(l.substring("created ".length()))).toList();
    assertThat(created).isNotEmpty();
    int updated = (int) first.err().lines().filter(l -> l.startsWith("updated ")).count();
    for (int stop = 0; stop <= created.size() + updated; stop++) {
      for (Map.Entry<String, String> e : project.entrySet()) {
        boolean journalWritten = stop > created.size() && e.getKey().endsWith("_journal.json");
        if (!journalWritten) write(e.getKey(), e.getValue());
      }
      for (int i = stop; i < created.size(); i++) Files.deleteIfExists(created.get(i));
      CliRunner.Result rerun = split();
      assertThat(rerun.code()).as("stopped after %d steps: %s", stop, rerun.err()).isZero();
      assertThat(files()).as("stopped after %d steps", stop).isEqualTo(complete);
    }
  }
}
