package dev.lockstep.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.pg.MigrationRunner;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A split migration, run on a real PostgreSQL the way its tool runs it (the original, then each new
 * migration in order, each in its tool's transaction mode), ends with the schema the original
 * meant: the index built and valid, the constraint validated.
 */
class SplitRunsOnPostgresTest {
  static final String SETUP = "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
      + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total_cents bigint);\n"
      + "INSERT INTO customers SELECT generate_series(1, 10);\n"
      + "INSERT INTO orders SELECT g, g % 10 + 1, g * 100 FROM generate_series(1, 1000) g;\n";
  static final String BODY = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n"
      + "CREATE INDEX orders_customer_idx ON orders (customer_id);\n"
      + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n";

  @TempDir
  Path dir;

  /** Each tool's migration holding BODY, by its path. */
  static Stream<Arguments> migrations() {
    Map<String, String> cases = Map.of(
        "db/migration/V2__orders.sql", BODY,
        "db/migrations/20240612093000_orders.sql", "-- +goose Up\n" + BODY,
        "dbmate/db/migrations/20240701120000_orders.sql", "-- migrate:up\n" + BODY + "\n-- migrate:down\n",
        "migrations/000007_orders.up.sql", BODY,
        "prisma/migrations/20240301120000_orders/migration.sql", BODY,
        "db/changelog/changes.sql", "--liquibase formatted sql\n\n--changeset ana:7\n" + BODY);
    List<Arguments> out = new ArrayList<>();
    for (int major : PostgresServer.MAJORS) {
      cases.keySet().stream().sorted().forEach(p -> out.add(Arguments.of(p, cases.get(p), major)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on PostgreSQL {2}")
  @MethodSource("migrations")
  void theSplitMigrationsRunAndBuildWhatTheOriginalMeant(String relative, String text, int major) throws Exception {
    Path original = dir.resolve(relative);
    Files.createDirectories(original.getParent());
    // Flyway's lock transaction would make the split CREATE INDEX CONCURRENTLY wait forever (ToolRunsOnPostgresTest)
    if (relative.startsWith("db/migration/")) Files.writeString(dir.resolve("flyway.conf"), "flyway.postgresql.transactional.lock=false\n");
    Files.writeString(original, text);
    Linter linter = new Linter(Rules.all(), LintOptions.defaults());
    MigrationScript script = MigrationScript.of(original, SourceFile.of(original.toString(), text), null, false);
    FileResult result = linter.lint(script.source(), script.plan());
    SplitPlan plan = Splitter.plan(original, script, result);
    assertThat(plan.files().size() + (plan.originalText().equals(text) ? 0 : 1)).as("something was split").isPositive();
    Files.writeString(original, plan.originalText());
    List<Path> order = new ArrayList<>(List.of(original));
    for (SplitPlan.NewFile f : plan.files()) {
      Files.createDirectories(f.path().getParent());
      Files.writeString(f.path(), f.text());
      if (f.path().toString().endsWith(".sql") && !f.path().toString().endsWith(".down.sql")) order.add(f.path());
    }

    PostgresServer server = PostgresServer.of(major);
    try (Connection c = server.connect(server.createDatabase())) {
      c.createStatement().execute(SETUP);
      for (Path migration : order) {
        String sql = Files.readString(migration);
        MigrationRunner.run(c, MigrationScript.of(migration, SourceFile.of(migration.toString(), sql), null, false));
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT indisvalid FROM pg_index "
          + "WHERE indexrelid = 'orders_customer_idx'::regclass")) {
        assertThat(rs.next() && rs.getBoolean(1)).as("the index exists and is valid").isTrue();
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT convalidated FROM pg_constraint "
          + "WHERE conname = 'orders_customer_fk'")) {
        assertThat(rs.next() && rs.getBoolean(1)).as("the foreign key exists and is validated").isTrue();
      }
    }
  }
}
