package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Advice and fixes in the terms of the file's own tool; the list of several tools only when none is known. */
class ToolAdviceTest {
  @TempDir
  Path dir;

  static final String CONCURRENT = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";
  static final String JOURNAL = "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,\"version\":\"7\","
      + "\"when\":1717000000000,\"tag\":\"0000_orders\",\"breakpoints\":true}]}";

  Path write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** The rewrite summary of the one finding of {@code rule} in the file. */
  String advice(Path file, String rule) throws Exception {
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", file.toString());
    for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) {
      if (f.get("rule").asText().equals(rule)) return f.at("/rewrite/summary").asText();
    }
    throw new AssertionError(rule + " not found in " + r.out());
  }

  @Test
  void concurrentlyAdviceNamesTheFilesOwnToolsWayOut() throws Exception {
    Path drizzle = write("drizzle/0000_orders.sql", CONCURRENT);
    write("drizzle/meta/_journal.json", JOURNAL);
    assertThat(advice(drizzle, "ban-concurrently-in-transaction")).isEqualTo("drizzle-kit's migrator runs every pending "
        + "migration in one transaction, and no Drizzle migration can leave it, not even one shipped in a later deploy: "
        + "take the statement out of this migration and run it after the migrator has committed, from a separate script "
        + "with its own connection (for example: psql \"$DATABASE_URL\" -f post-migrate.sql, right after drizzle-kit "
        + "migrate in the deploy)");
    Path dbmate = write("dbmate/20240101000000_idx.sql", "-- migrate:up\n" + CONCURRENT);
    assertThat(advice(dbmate, "ban-concurrently-in-transaction")).isEqualTo("Put it in a dbmate migration of its own whose "
        + "up marker reads '-- migrate:up transaction:false', with no BEGIN/COMMIT around it: dbmate then runs it outside "
        + "a transaction");
    Path goose = write("goose/20240101000000_idx.sql", "-- +goose Up\n" + CONCURRENT);
    assertThat(advice(goose, "ban-concurrently-in-transaction")).isEqualTo("Put it in a goose migration of its own that "
        + "starts with '-- +goose NO TRANSACTION', with no BEGIN/COMMIT around it: goose then runs it outside a transaction");
    Path golang = write("migrate/000001_idx.up.sql", "SELECT 1;\n" + CONCURRENT);
    assertThat(advice(golang, "ban-concurrently-in-transaction")).startsWith("golang-migrate sends an .up.sql file in one "
        + "call");
    Path prisma = write("prisma/migrations/20240101000000_idx/migration.sql", "SELECT 1;\n" + CONCURRENT);
    write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    assertThat(advice(prisma, "ban-concurrently-in-transaction")).startsWith("prisma migrate deploy sends migration.sql "
        + "in one call");
    Path plain = write("plain/idx.sql", "BEGIN;\n" + CONCURRENT + "COMMIT;\n");
    assertThat(advice(plain, "ban-concurrently-in-transaction")).isEqualTo("Run it in its own migration that the runner "
        + "does not wrap in a transaction (for example goose '-- +goose NO TRANSACTION', dbmate 'transaction:false', "
        + "Flyway executeInTransaction=false, Liquibase runInTransaction:false), with no BEGIN/COMMIT around it");
  }

  @Test
  void validateInADrizzleMigrationMeansALaterDeployNotALaterMigration() throws Exception {
    Path file = write("drizzle/0000_orders.sql", "ALTER TABLE orders ADD CONSTRAINT orders_total_check "
        + "CHECK (total_cents >= 0) NOT VALID;\n--> statement-breakpoint\nALTER TABLE orders VALIDATE CONSTRAINT "
        + "orders_total_check;\n");
    write("drizzle/meta/_journal.json", JOURNAL);
    assertThat(advice(file, "ban-validate-in-same-transaction")).isEqualTo("drizzle-kit's migrator runs every pending "
        + "migration in one transaction, so a later migration of the same deploy is still this transaction: ship the "
        + "statement as a custom migration of its own (drizzle-kit generate --custom) in a later deploy than this one, or "
        + "run it after the migrator has committed, from a separate script");
  }

  @Test
  void validateInALaterDrizzleMigrationOfTheSameDeployIsStillTheAddsTransaction() throws Exception {
    write("drizzle/0000_orders.sql", "SET lock_timeout = '2s';\n--> statement-breakpoint\nALTER TABLE orders ADD "
        + "CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;\n");
    Path validate = write("drizzle/0001_validate.sql", "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n");
    write("drizzle/meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":["
        + "{\"idx\":0,\"version\":\"7\",\"when\":1717000000000,\"tag\":\"0000_orders\",\"breakpoints\":true},"
        + "{\"idx\":1,\"version\":\"7\",\"when\":1717000100000,\"tag\":\"0001_validate\",\"breakpoints\":true}]}");
    CliRunner.Result sameDeploy = CliRunner.run("lint", "--format", "json", "--pending-from", "0000_orders",
        validate.toString());
    JsonNode finding = new ObjectMapper().readTree(sameDeploy.out()).get("findings").get(0);
    assertThat(finding.get("rule").asText()).isEqualTo("ban-validate-in-same-transaction");
    assertThat(finding.get("message").asText()).isEqualTo("VALIDATE CONSTRAINT orders_total_check runs in the same "
        + "transaction that added it NOT VALID in 0000_orders.sql: drizzle runs every pending migration in one "
        + "transaction, so the ACCESS EXCLUSIVE lock of the ADD is still held, and the validation scan blocks reads and "
        + "writes just like adding the constraint directly");
    CliRunner.Result laterDeploy = CliRunner.run("lint", "--format", "json", validate.toString());
    assertThat(new ObjectMapper().readTree(laterDeploy.out()).get("findings")).isEmpty();
  }

  @Test
  void drizzlesLockTimeoutFixIsFollowedByAStatementBreakpoint() throws Exception {
    Path file = write("drizzle/0000_orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    write("drizzle/meta/_journal.json", JOURNAL);
    assertThat(CliRunner.run("fix", "--unsafe-fixes", file.toString()).code()).isZero();
    // SET LOCAL: the migrator's one transaction holds the whole run, and the setting ends with it
    assertThat(Files.readString(file)).isEqualTo("SET LOCAL lock_timeout = '2s';\n--> statement-breakpoint\n"
        + "ALTER TABLE orders ADD COLUMN note text;\n");
    Path plain = write("plain/0001_orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
    assertThat(CliRunner.run("fix", "--unsafe-fixes", plain.toString()).code()).isZero();
    assertThat(Files.readString(plain)).isEqualTo("SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n");
  }
}
