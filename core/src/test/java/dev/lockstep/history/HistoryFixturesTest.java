package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrationLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.PathRules;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.report.LintReport;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-deploy recipes and their near-misses, laid out as each migration tool with an order
 * keeps them (file names, markers, journal, changelog, plan), and linted like {@code lockstep lint
 * <last file>}: the last migration is judged after the earlier ones, and exactly the findings listed
 * are reported, at their line and column.
 */
class HistoryFixturesTest {
  private static final String TIMEOUT = "SET lock_timeout = '1s';";
  private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);";
  private static final String CHECK = "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;";
  private static final String VALIDATE = "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;";
  private static final String SET_NOT_NULL = "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;";
  private static final String INVOICES = "CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric(10,2));";
  private static final String UNIQUE_EMAIL = "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);";
  private static final String KEY_USING_INDEX =
      "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;";
  private static final String MOOD = "CREATE TYPE mood AS ENUM ('ok');";
  private static final String PEOPLE = "CREATE TABLE people (id bigint PRIMARY KEY, feeling mood);";
  private static final String EVENTS = "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp);";
  private static final String EVENTS_AT = "CREATE INDEX events_at ON events (at);";
  private static final String UTC = "SET timezone = 'UTC';";
  private static final String TO_TIMESTAMPTZ = "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;";
  private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint);";
  private static final String ORDERS_ACCOUNT = "CREATE INDEX orders_account ON orders (account_id);";
  private static final String FOREIGN_KEY =
      "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;";

  /** One case: the migrations in order (statements each), which are pending, and the last file's findings. */
  record Case(String name, List<List<String>> migrations, Set<Integer> pending, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("check_validated_then_set_not_null", List.of(List.of(ACCOUNTS), List.of(TIMEOUT, CHECK),
            List.of(TIMEOUT, VALIDATE), List.of(TIMEOUT, SET_NOT_NULL)), Set.of(), List.of()),
        new Case("check_never_validated", List.of(List.of(ACCOUNTS), List.of(TIMEOUT, CHECK),
            List.of(TIMEOUT, SET_NOT_NULL)), Set.of(), List.of("require-check-for-set-not-null@2:1")),
        new Case("widening_numeric", List.of(List.of(INVOICES), List.of(TIMEOUT,
            "ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(12,2);")), Set.of(), List.of()),
        new Case("narrowing_numeric", List.of(List.of(INVOICES), List.of(TIMEOUT,
            "ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(8,2);")), Set.of(), List.of("ban-column-type-change@2:1")),
        new Case("index_on_live_and_pending_tables", List.of(
            List.of("CREATE TABLE orders (id bigint PRIMARY KEY, total int);"),
            List.of("CREATE TABLE items (id bigint PRIMARY KEY, sku text);"),
            List.of(TIMEOUT, "CREATE INDEX items_sku ON items (sku);", "CREATE INDEX orders_total ON orders (total);")),
            Set.of(1, 2), List.of("require-concurrent-index@3:1")),
        new Case("index_without_pending_information", List.of(
            List.of("CREATE TABLE orders (id bigint PRIMARY KEY, total int);"),
            List.of("CREATE TABLE items (id bigint PRIMARY KEY, sku text);"),
            List.of(TIMEOUT, "CREATE INDEX items_sku ON items (sku);", "CREATE INDEX orders_total ON orders (total);")),
            Set.of(), List.of("require-concurrent-index@2:1", "require-concurrent-index@3:1")),
        new Case("key_using_an_index_built_concurrently", List.of(List.of(ACCOUNTS), List.of(UNIQUE_EMAIL),
            List.of(TIMEOUT, KEY_USING_INDEX)), Set.of(), List.of()),
        new Case("key_without_an_earlier_index", List.of(List.of(ACCOUNTS), List.of(TIMEOUT,
            "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);")), Set.of(),
            List.of("require-unique-index-for-constraint@2:1")),
        new Case("validate_a_check_added_not_valid_earlier", List.of(List.of(ACCOUNTS), List.of(TIMEOUT, CHECK),
            List.of(TIMEOUT, VALIDATE)), Set.of(), List.of()),
        new Case("enum_value_added_earlier", List.of(List.of(MOOD, PEOPLE), List.of("ALTER TYPE mood ADD VALUE 'meh';"),
            List.of(TIMEOUT, "UPDATE people SET feeling = 'meh' WHERE id = 1;")), Set.of(), List.of()),
        new Case("drop_an_index_of_a_pending_migration", List.of(List.of(ACCOUNTS),
            List.of("CREATE INDEX accounts_email ON accounts (email);"), List.of(TIMEOUT, "DROP INDEX accounts_email;")),
            Set.of(1, 2), List.of()),
        new Case("drop_an_index_of_an_applied_migration", List.of(List.of(ACCOUNTS),
            List.of("CREATE INDEX accounts_email ON accounts (email);"), List.of(TIMEOUT, "DROP INDEX accounts_email;")),
            Set.of(2), List.of("require-concurrent-drop-index@2:1")),
        new Case("timestamptz_in_utc_without_an_index", List.of(List.of(EVENTS), List.of(TIMEOUT, UTC, TO_TIMESTAMPTZ)),
            Set.of(), List.of()),
        new Case("timestamptz_in_utc_with_an_index_on_the_column", List.of(List.of(EVENTS), List.of(EVENTS_AT),
            List.of(TIMEOUT, UTC, TO_TIMESTAMPTZ)), Set.of(), List.of("ban-column-type-change@3:1")),
        new Case("timestamptz_in_utc_after_the_index_was_dropped", List.of(List.of(EVENTS), List.of(EVENTS_AT),
            List.of("DROP INDEX events_at;"), List.of(TIMEOUT, UTC, TO_TIMESTAMPTZ)), Set.of(), List.of()),
        new Case("foreign_key_led_by_an_earlier_index", List.of(List.of(ACCOUNTS, ORDERS), List.of(ORDERS_ACCOUNT),
            List.of(TIMEOUT, FOREIGN_KEY)), Set.of(), List.of()),
        new Case("foreign_key_after_its_index_was_dropped", List.of(List.of(ACCOUNTS, ORDERS), List.of(ORDERS_ACCOUNT),
            List.of("DROP INDEX orders_account;"), List.of(TIMEOUT, FOREIGN_KEY)), Set.of(),
            List.of("require-index-for-foreign-key@2:1")));
  }

  static Stream<Arguments> toolsAndCases() {
    List<Arguments> out = new ArrayList<>();
    for (Layout layout : Layout.values()) for (Case c : cases()) out.add(Arguments.of(layout, c));
    return out.stream();
  }

  /** The defaults, and the foreign key's index rule (off by default), whose verdict depends on earlier indexes. */
  private static final LintOptions OPTIONS = new LintOptions(LintOptions.NEWEST_PG_VERSION, false,
      Set.of("require-index-for-foreign-key"), Set.of(), LintOptions.DEFAULT_MAX_LOCK_TIMEOUT_MILLIS);

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("toolsAndCases")
  void lastMigrationJudgedAfterTheEarlierOnes(Layout layout, Case c) throws IOException {
    List<Path> files = layout.write(dir, c.migrations());
    Set<Path> changed = new HashSet<>();
    for (int i : c.pending()) changed.add(files.get(i).toAbsolutePath().normalize());
    Path last = files.get(files.size() - 1);
    MigrationLinter linter = new MigrationLinter(OPTIONS, new PathRules(Config.NONE), null, false)
        .withHistory(new PendingMigrations(null, c.pending().isEmpty() ? null : changed, null));
    LintReport report = linter.lintAll(List.of(SourceFile.of(last.toString(), Files.readString(last))), List.of());
    assertThat(report.problems()).isEmpty();
    assertThat(report.files()).singleElement().extracting(f -> f.framework()).isEqualTo(layout.framework);
    List<String> found = report.findings().stream()
        .map(f -> f.ruleId() + "@" + (f.start().line() - layout.header) + ":" + f.start().column()).toList();
    assertThat(found).containsExactlyElementsOf(c.expected());
  }

  /** How each tool lays out migrations; {@code header} is the number of lines before the statements. */
  enum Layout {
    FLYWAY("flyway", 0), LIQUIBASE("liquibase", 2), DRIZZLE("drizzle", 0), PRISMA("prisma", 0), GOOSE("goose", 1),
    DBMATE("dbmate", 1), GOLANG_MIGRATE("golang-migrate", 0), SQITCH("sqitch", 0), PLAIN("plain", 0);

    final String framework;
    final int header;

    Layout(String framework, int header) {
      this.framework = framework;
      this.header = header;
    }

    List<Path> write(Path dir, List<List<String>> migrations) throws IOException {
      List<Path> out = new ArrayList<>();
      StringBuilder index = new StringBuilder();
      for (int i = 0; i < migrations.size(); i++) {
        int n = i + 1;
        List<String> statements = migrations.get(i);
        String body = String.join("\n", statements) + "\n";
        Path file = switch (this) {
          case FLYWAY -> write(dir.resolve("src/main/resources/db/migration/V" + n + "__step_" + n + ".sql"), body);
          case LIQUIBASE -> {
            index.append("  - include:\n      file: changes/").append(String.format("%03d", n))
                .append("_step.sql\n      relativeToChangelogFile: true\n");
            yield write(dir.resolve("db/changelog/changes/" + String.format("%03d", n) + "_step.sql"),
                "--liquibase formatted sql\n--changeset dev:" + n + "\n" + body);
          }
          case DRIZZLE -> {
            String tag = String.format("%04d", i) + "_step_" + n;
            index.append(index.length() == 0 ? "" : ",\n").append("    {\"idx\": ").append(i)
                .append(", \"version\": \"7\", \"when\": ").append(1700000000000L + i).append(", \"tag\": \"").append(tag)
                .append("\", \"breakpoints\": true}");
            // as drizzle-kit writes them: the breakpoint right after each statement's semicolon
            yield write(dir.resolve("drizzle/" + tag + ".sql"), String.join("--> statement-breakpoint\n", statements) + "\n");
          }
          case PRISMA -> write(dir.resolve("prisma/migrations/2024010100000" + n + "_step_" + n + "/migration.sql"), body);
          case GOOSE -> write(dir.resolve("db/migrations/2024010100000" + n + "_step_" + n + ".sql"),
              "-- +goose Up\n" + body + "\n-- +goose Down\nSELECT 1;\n");
          case DBMATE -> write(dir.resolve("db/migrations/2024010100000" + n + "_step_" + n + ".sql"),
              "-- migrate:up\n" + body + "\n-- migrate:down\nSELECT 1;\n");
          case GOLANG_MIGRATE -> {
            write(dir.resolve("migrations/00000" + n + "_step_" + n + ".down.sql"), "SELECT 1;\n");
            yield write(dir.resolve("migrations/00000" + n + "_step_" + n + ".up.sql"), body);
          }
          case SQITCH -> {
            index.append("step_").append(n).append(" 2024-01-0").append(n).append("T00:00:00Z Dev <dev@example.org> # step\n");
            write(dir.resolve("revert/step_" + n + ".sql"), "SELECT 1;\n");
            yield write(dir.resolve("deploy/step_" + n + ".sql"), body);
          }
          case PLAIN -> write(dir.resolve("sql/00" + n + "_step_" + n + ".sql"), body);
        };
        out.add(file);
      }
      switch (this) {
        case LIQUIBASE -> write(dir.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n" + index);
        case DRIZZLE -> write(dir.resolve("drizzle/meta/_journal.json"),
            "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n" + index + "\n  ]\n}\n");
        case PRISMA -> write(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
        case SQITCH -> write(dir.resolve("sqitch.plan"), "%syntax-version=1.0.0\n%project=demo\n\n" + index);
        default -> { }
      }
      return out;
    }

    private static Path write(Path p, String text) throws IOException {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    }
  }
}
