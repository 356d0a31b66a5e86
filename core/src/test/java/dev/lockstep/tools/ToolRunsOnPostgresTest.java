package dev.lockstep.tools;

import dev.lockstep.i18n.Text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.FixSession;
import dev.lockstep.frameworks.FlywaySettings;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import dev.lockstep.split.SplitPlan;
import dev.lockstep.split.SplitRefused;
import dev.lockstep.split.Splitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.internal.configuration.ConfigUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flyway and Liquibase, with their default settings, run on a real PostgreSQL 15: the example folders,
 * the framework fixtures, the cases where the tools' rules bite (Flyway's mixed rule and its lock
 * transaction, settings that leak to the next migration) and lockstep's split output. For each, what
 * lockstep says is what the tool does: a set of migrations lockstep finds nothing fatal in applies, and
 * one it says fails (ban-concurrently-in-transaction) fails or hangs the way its message says. The runs
 * are the tables of docs/frameworks.md (-Dlockstep.updateDocs=true rewrites them).
 */
class ToolRunsOnPostgresTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults());
  private static final String SETUP = "CREATE TABLE customers (id bigint PRIMARY KEY, name text, tier int, email text);\n"
      + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, placed_at timestamptz, status text);\n"
      + "INSERT INTO customers SELECT g, 'c' || g, g % 3 FROM generate_series(1, 10) g;\n"
      + "INSERT INTO orders SELECT g, g % 10 + 1, now(), 'new' FROM generate_series(1, 1000) g;\n";
  private static final String CIC = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";
  private static final String BODY = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n"
      + "CREATE INDEX orders_customer_idx ON orders (customer_id);\n";
  /** Rebuilds that must run outside the tool's transaction once fixed (REINDEX ... CONCURRENTLY). */
  private static final String REINDEX = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n"
      + "REINDEX INDEX orders_status_idx;\nREINDEX TABLE customers;\n";
  private static final String STATUS_INDEX = "CREATE INDEX orders_status_idx ON orders (status);\n";
  private static final String LOCK_OFF = "flyway.postgresql.transactional.lock=false\n";
  private static final String LEAK_CHECK = "SELECT 1 / (current_setting('lock_timeout') = '0')::int AS timeout_not_left_set;\n";
  private static final Map<String, List<String>> ROWS = new TreeMap<>();
  /** The rules whose findings say the tool fails. */
  private static final java.util.Set<String> FATAL = java.util.Set.of("ban-concurrently-in-transaction",
      "ban-tool-split-statement");

  /** One run: the tool, what the table calls it, the files (relative path -> text) and whether lockstep splits the file named. */
  record Case(String tool, String what, Map<String, String> files, String split, Map<String, String> environment) {
    Case(String tool, String what, Map<String, String> files, String split) {
      this(tool, what, files, split, Map.of());
    }

    @Override
    public String toString() {
      return tool + ": " + what;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    String v1 = "db/migration/V1__setup.sql";
    out.add(new Case("Flyway", "examples/flyway", folder(Path.of("examples/flyway"), "db/migration/"), null));
    Map<String, String> fixtures = folder(Path.of("core/src/test/resources/frameworks/flyway/db/migration"), "db/migration/");
    fixtures.put("db/migration/V0__customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n");
    out.add(new Case("Flyway", "the framework fixtures (V0 creates customers; U2 is not run)", fixtures, null));
    Map<String, String> lockOff = folder(Path.of("core/src/test/resources/frameworks/flyway/lock-off/db/migration"), "db/migration/");
    lockOff.put(v1, SETUP);
    lockOff.put("flyway.conf", Files.readString(Path.of("core/src/test/resources/frameworks/flyway/lock-off/flyway.conf")));
    out.add(new Case("Flyway", "the framework fixture lock-off (flyway.conf sets the lock setting)", lockOff, null));
    out.add(new Case("Flyway", "a script holding only CREATE INDEX CONCURRENTLY",
        Map.of(v1, SETUP, "db/migration/V2__index.sql", CIC), null));
    out.add(new Case("Flyway", "the same with flyway.postgresql.transactional.lock=false in flyway.conf",
        Map.of(v1, SETUP, "db/migration/V2__index.sql", CIC, "flyway.conf", LOCK_OFF), null));
    out.add(new Case("Flyway", "SET lock_timeout, then CREATE INDEX CONCURRENTLY (mixed=false)",
        Map.of(v1, SETUP, "db/migration/V2__index.sql", "SET lock_timeout = '2s';\n" + CIC, "flyway.conf", LOCK_OFF), null));
    out.add(new Case("Flyway", "the same with flyway.mixed=true",
        Map.of(v1, SETUP, "db/migration/V2__index.sql", "SET lock_timeout = '2s';\n" + CIC,
            "flyway.conf", LOCK_OFF + "flyway.mixed=true\n"), null));
    out.add(new Case("Flyway", "REINDEX INDEX CONCURRENTLY alone (Flyway wraps it)",
        Map.of(v1, SETUP + "CREATE INDEX orders_status_idx ON orders (status);\n",
            "db/migration/V2__reindex.sql", "REINDEX INDEX CONCURRENTLY orders_status_idx;\n", "flyway.conf", LOCK_OFF), null));
    out.add(new Case("Flyway", "SET lock_timeout in V2 does not reach V3",
        Map.of(v1, SETUP, "db/migration/V2__note.sql", "SET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n",
            "db/migration/V3__check.sql", LEAK_CHECK), null));
    out.add(new Case("Flyway", "fix --unsafe-fixes --split of a script with CREATE INDEX (defaults)",
        Map.of(v1, SETUP, "db/migration/V2__orders.sql", BODY), "db/migration/V2__orders.sql"));
    out.add(new Case("Flyway", "fix --unsafe-fixes --split of the same with the lock setting in flyway.conf",
        Map.of(v1, SETUP, "db/migration/V2__orders.sql", BODY, "flyway.conf", LOCK_OFF), "db/migration/V2__orders.sql"));
    out.add(new Case("Flyway", "REINDEX INDEX CONCURRENTLY alone, its .conf holding executeInTransaction=false (defaults)",
        Map.of(v1, SETUP + STATUS_INDEX, "db/migration/V2__reindex.sql", "REINDEX INDEX CONCURRENTLY orders_status_idx;\n",
            "db/migration/V2__reindex.sql.conf", "executeInTransaction=false\n"), null));
    out.add(new Case("Flyway", "fix --unsafe-fixes --split of a script with REINDEX (defaults)",
        Map.of(v1, SETUP + STATUS_INDEX, "db/migration/V2__orders.sql", REINDEX), "db/migration/V2__orders.sql"));
    out.add(new Case("Flyway", "fix --unsafe-fixes --split of the same REINDEX script with the lock setting in flyway.conf",
        Map.of(v1, SETUP + STATUS_INDEX, "db/migration/V2__orders.sql", REINDEX, "flyway.conf", LOCK_OFF),
        "db/migration/V2__orders.sql"));
    // environment variables: the names Flyway reads (ConfigUtils maps them), the settings lockstep reads
    out.add(new Case("Flyway", "a script holding only CREATE INDEX CONCURRENTLY, with FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=false "
        + "in the environment", Map.of(v1, SETUP, "db/migration/V2__index.sql", CIC), null,
        Map.of("FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false")));
    out.add(new Case("Flyway", "SET lock_timeout, then CREATE INDEX CONCURRENTLY, with FLYWAY_MIXED=true and the lock "
        + "setting in the environment", Map.of(v1, SETUP, "db/migration/V2__index.sql", "SET lock_timeout = '2s';\n" + CIC),
        null, Map.of("FLYWAY_MIXED", "true", "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false")));
    out.add(new Case("Flyway", "CREATE INDEX CONCURRENTLY alone, flyway.conf turning the lock setting off and "
        + "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=true in the environment", Map.of(v1, SETUP, "db/migration/V2__index.sql", CIC,
        "flyway.conf", LOCK_OFF), null, Map.of("FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "true")));

    String plan = "%syntax-version=1.0.0\n%project=shop\n\n";
    String change = " 2024-03-01T12:00:00Z Ana <ana@example.com> # a change\n";
    Map<String, String> sqitchFixture = new TreeMap<>();
    Path sqitchRoot = Path.of("core/src/test/resources/frameworks/sqitch");
    for (String f : List.of("sqitch.plan", "deploy/add_note.sql", "revert/add_note.sql")) {
      sqitchFixture.put(f, Files.readString(sqitchRoot.resolve(f)));
    }
    sqitchFixture.put("sqitch.plan", plan + "setup" + change + Files.readString(sqitchRoot.resolve("sqitch.plan"))
        .replaceFirst("(?s)\\A.*?\\n\\n", ""));
    sqitchFixture.put("deploy/setup.sql", "CREATE SCHEMA shop;\nSET search_path = shop;\n" + SETUP);
    out.add(new Case("sqitch", "the framework fixture (after a change creating its schema)", sqitchFixture, null));
    out.add(new Case("sqitch", "CREATE INDEX CONCURRENTLY alone in a deploy script",
        Map.of("sqitch.plan", plan + "setup" + change + "index" + change, "deploy/setup.sql", SETUP, "deploy/index.sql", CIC), null));
    out.add(new Case("sqitch", "the same between BEGIN and COMMIT",
        Map.of("sqitch.plan", plan + "setup" + change + "index" + change, "deploy/setup.sql", SETUP,
            "deploy/index.sql", "BEGIN;\n" + CIC + "COMMIT;\n"), null));

    String head = "--liquibase formatted sql\n\n--changeset ana:1\n" + SETUP + "\n";
    out.add(new Case("Liquibase", "fixture 002-indexes.sql", Map.of("changelog.sql", head + changesets(
        Files.readString(Path.of("core/src/test/resources/frameworks/liquibase/db/changelog/002-indexes.sql")))), null));
    out.add(new Case("Liquibase", "CREATE INDEX CONCURRENTLY in a changeset",
        Map.of("changelog.sql", head + "--changeset ana:2\n" + CIC), null));
    out.add(new Case("Liquibase", "the same marked runInTransaction:false",
        Map.of("changelog.sql", head + "--changeset ana:2 runInTransaction:false\nSET lock_timeout = '2s';\n" + CIC), null));
    out.add(new Case("Liquibase", "runInTransaction:false splitStatements:false",
        Map.of("changelog.sql", head + "--changeset ana:2 runInTransaction:false splitStatements:false\n"
            + "SET lock_timeout = '2s';\n" + CIC), null));
    out.add(new Case("Liquibase", "SET LOCAL lock_timeout in one changeset does not reach the next",
        Map.of("changelog.sql", head + "--changeset ana:2\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n\n"
            + "--changeset ana:3\n" + LEAK_CHECK), null));
    out.add(new Case("Liquibase", "fix --unsafe-fixes --split of a changeset with CREATE INDEX",
        Map.of("changelog.sql", head + "--changeset ana:2\n" + BODY), "changelog.sql"));
    out.add(new Case("Liquibase", "fix --unsafe-fixes --split of a changeset with REINDEX",
        Map.of("changelog.sql", head.replace(SETUP, SETUP + STATUS_INDEX) + "--changeset ana:2\n" + REINDEX), "changelog.sql"));
    String function = "CREATE FUNCTION order_tier(total numeric) RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n"
        + "  IF total > 1000 THEN\n    RETURN 'gold';\n  END IF;\n  RETURN 'standard';\nEND\n$$;\n";
    out.add(new Case("Liquibase", "a plpgsql function whose body holds END IF; (splitStatements:true, the default)",
        Map.of("changelog.sql", head + "--changeset ana:2\n" + function), null));
    out.add(new Case("Liquibase", "the same with splitStatements:false",
        Map.of("changelog.sql", head + "--changeset ana:2 splitStatements:false\n" + function), null));
    out.add(new Case("Liquibase", "the same with endDelimiter:/ and / after the function",
        Map.of("changelog.sql", head + "--changeset ana:2 endDelimiter:/\n" + function + "/\nSELECT 'x; y' AS \"a;b\";\n"), null));
    out.add(new Case("Liquibase", "a DO block with BEGIN ... END and ; in strings and comments",
        Map.of("changelog.sql", head + "--changeset ana:2\nDO $do$\nBEGIN\n  PERFORM 1; -- a ; here\n"
            + "  RAISE NOTICE 'a ; there';\nEND\n$do$;\nSELECT 1;\n"), null));
    out.add(new Case("Liquibase", "$$BEGIN written without a space",
        Map.of("changelog.sql", head + "--changeset ana:2\nDO $$BEGIN PERFORM 1; END$$;\n"), null));
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/"
        + "dbchangelog\"\n    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n    xsi:schemaLocation=\"http://www.liquibase.org/"
        + "xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n  <include file=\"sql/001-setup.sql\" relativeToChangelogFile=\"true\"/>\n";
    out.add(new Case("Liquibase", "changelog.xml includes plain SQL files, the second CREATE INDEX CONCURRENTLY",
        Map.of("changelog.xml", xml + "  <include file=\"sql/002-index.sql\" relativeToChangelogFile=\"true\"/>\n"
            + "</databaseChangeLog>\n", "sql/001-setup.sql", SETUP, "sql/002-index.sql", CIC), null));
    out.add(new Case("Liquibase", "changelog.xml runs it by sqlFile in a changeSet with runInTransaction=\"false\"",
        Map.of("changelog.xml", xml + "  <changeSet id=\"2\" author=\"ana\" runInTransaction=\"false\">\n"
            + "    <sqlFile path=\"sql/002-index.sql\" relativeToChangelogFile=\"true\"/>\n  </changeSet>\n"
            + "</databaseChangeLog>\n", "sql/001-setup.sql", SETUP, "sql/002-index.sql", CIC), null));
    out.add(new Case("Liquibase", "changelog.xml runs the plpgsql function by sqlFile (splitStatements defaults to true)",
        Map.of("changelog.xml", xml + "  <changeSet id=\"2\" author=\"ana\">\n"
            + "    <sqlFile path=\"sql/002-function.sql\" relativeToChangelogFile=\"true\"/>\n  </changeSet>\n"
            + "</databaseChangeLog>\n", "sql/001-setup.sql", SETUP, "sql/002-function.sql", function), null));
    out.add(new Case("Liquibase", "the same with splitStatements=\"false\" on the sqlFile",
        Map.of("changelog.xml", xml + "  <changeSet id=\"2\" author=\"ana\">\n"
            + "    <sqlFile path=\"sql/002-function.sql\" relativeToChangelogFile=\"true\" splitStatements=\"false\"/>\n"
            + "  </changeSet>\n</databaseChangeLog>\n", "sql/001-setup.sql", SETUP, "sql/002-function.sql", function), null));
    out.add(new Case("Liquibase", "changelog.yaml includeAll of plain SQL files, one the plpgsql function (sent whole)",
        Map.of("changelog.yaml", "databaseChangeLog:\n  - includeAll:\n      path: sql/\n      relativeToChangelogFile: true\n",
            "sql/001-setup.sql", SETUP, "sql/002-function.sql", function), null));
    Path splitFixtures = Path.of("test-fixtures/ban-tool-split-statement");
    try (Stream<Path> files = Files.walk(splitFixtures)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql") && !p.toString().endsWith(".setup.sql")).sorted().toList()) {
        out.add(new Case("Liquibase", "fixture " + splitFixtures.relativize(f).toString().replace('\\', '/'),
            Map.of("changelog.sql", Files.readString(f).replaceAll("--\\s*expect:[^\n]*", "")), null));
      }
    }
    return out.stream();
  }

  /** The fixture's changesets after the setup one, renumbered so they do not clash with it. */
  private static String changesets(String fixture) {
    return fixture.replaceFirst("(?s)\\A\\s*--liquibase formatted sql\\s*", "").replaceAll("--\\s*expect:[^\n]*", "");
  }

  private static Map<String, String> folder(Path dir, String prefix) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        out.put(prefix + p.getFileName(), Files.readString(p));
      }
    }
    return out;
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void whatLockstepSaysIsWhatTheToolDoes(Case c) throws Exception {
    for (var e : c.files().entrySet()) {
      Files.createDirectories(dir.resolve(e.getKey()).getParent());
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    String lockstep = "";
    if (c.split() != null) {
      Path file = dir.resolve(c.split());
      MigrationScript script = script(file, c.environment());
      try {
        SplitPlan plan = Splitter.plan(file, script, LINTER.lint(script.source(), script.plan()));
        Files.writeString(file, plan.originalText());
        for (SplitPlan.NewFile f : plan.files()) Files.writeString(f.path(), f.text());
        lockstep = plan.files().isEmpty() ? "splits within the file; "
            : "split into " + plan.files().stream().map(f -> "`" + f.path().getFileName() + "`").collect(Collectors.joining(", ")) + "; ";
      } catch (SplitRefused e) {
        record(c, "refuses to split: " + e.getMessage(), "-", "not run");
        return;
      }
    }
    List<Finding> fatal = new ArrayList<>();
    List<String> modes = new ArrayList<>();
    if (c.tool().equals("sqitch")) SqitchTool.version();
    for (Path p : migrations(c)) {
      MigrationScript script = script(p, c.environment());
      if (script.skipped() != null) continue;
      FileResult r = LINTER.lint(script.source(), script.plan());
      assertThat(r.syntaxErrors()).isEmpty();
      r.findings().stream().filter(f -> FATAL.contains(f.ruleId())).forEach(fatal::add);
      script.plan().regions().stream().map(reg -> mode(reg.mode())).distinct().forEach(m -> { if (!modes.contains(m)) modes.add(m); });
    }
    PostgresServer server = PostgresServer.of(15);
    String database = server.createDatabase();
    ToolOutcome outcome = switch (c.tool()) {
      case "Flyway" -> FlywayTool.migrate(server, database, dir.resolve("db/migration"), flywaySettings(c.environment()));
      case "Liquibase" -> LiquibaseTool.update(server, database, dir, c.files().keySet().stream()
          .filter(f -> f.startsWith("changelog.")).findFirst().orElseThrow());
      default -> SqitchTool.deploy(server, database, dir);
    };
    lockstep += fatal.isEmpty() ? "applies" : "fails: " + fatal.get(0).message();
    record(c, lockstep, String.join(", ", modes), outcome.cell());
    check(c.tool(), fatal, outcome);
  }

  /**
   * Maven projects whose Flyway settings are in pom.xml: (what, properties, the plugin's configuration, V2).
   * The lock setting is written each way a pom can hold it; the key Flyway's documentation gives for the
   * plugin (postgresqlTransactionalLock) is rejected by the plugin, and lockstep says so.
   */
  static Stream<Arguments> mavenProjects() {
    String locations = "      <locations><location>filesystem:sql</location></locations>\n";
    String lockOff = "      <pluginConfiguration><postgresql.transactional.lock>false</postgresql.transactional.lock>"
        + "</pluginConfiguration>\n";
    String property = "<properties><flyway.postgresql.transactional.lock>false</flyway.postgresql.transactional.lock></properties>";
    return Stream.of(
        Arguments.of("CREATE INDEX CONCURRENTLY alone (defaults)", "", locations, CIC),
        Arguments.of("CREATE INDEX CONCURRENTLY alone, <pluginConfiguration><postgresql.transactional.lock>false",
            "", locations + lockOff, CIC),
        Arguments.of("CREATE INDEX CONCURRENTLY alone, the lock setting as the Maven property flyway.postgresql.transactional.lock",
            property, locations, CIC),
        Arguments.of("CREATE INDEX CONCURRENTLY alone, the lock setting in a flyway.conf named by <configFiles>",
            "", locations + "      <configFiles><configFile>flyway-ci.conf</configFile></configFiles>\n", CIC),
        Arguments.of("CREATE INDEX CONCURRENTLY alone, <pluginConfiguration><postgresqlTransactionalLock>false "
            + "(the key Flyway's documentation gives)", "", locations + "      <pluginConfiguration><postgresqlTransactionalLock>"
            + "false</postgresqlTransactionalLock></pluginConfiguration>\n", CIC),
        Arguments.of("SET lock_timeout, then CREATE INDEX CONCURRENTLY, with the lock setting (mixed=false)",
            "", locations + lockOff, "SET lock_timeout = '2s';\n" + CIC),
        Arguments.of("the same with <mixed>true</mixed>",
            "", locations + "      <mixed>true</mixed>\n" + lockOff, "SET lock_timeout = '2s';\n" + CIC));
  }

  @ParameterizedTest(name = "flyway-maven-plugin: {0}")
  @MethodSource("mavenProjects")
  void theMavenPluginRunsWithTheSettingsLockstepReadsFromThePom(String what, String properties, String configuration,
                                                               String v2) throws Exception {
    PostgresServer server = PostgresServer.of(15);
    String database = server.createDatabase();
    FlywayMavenTool.write(dir.resolve("pom.xml"), FlywayMavenTool.pom(server, database, configuration)
        .replace("<modelVersion>4.0.0</modelVersion>", "<modelVersion>4.0.0</modelVersion>" + properties));
    FlywayMavenTool.write(dir.resolve("flyway-ci.conf"), LOCK_OFF);
    FlywayMavenTool.write(dir.resolve("sql/V1__setup.sql"), SETUP);
    Path script = dir.resolve("sql/V2__index.sql");
    FlywayMavenTool.write(script, v2);
    Case c = new Case("Flyway", "flyway-maven-plugin (mvn flyway:migrate): " + what, Map.of(), null);
    Text settingsProblem = FlywaySettings.of(script, Map.of()).problem();
    String problem = settingsProblem == null ? null : settingsProblem.english();
    if (problem != null) {
      ToolOutcome outcome = FlywayMavenTool.migrate(server, database, dir);
      record(c, "reports an error: pom.xml's Flyway settings " + problem, "-", outcome.cell());
      assertThat(outcome.kind()).isEqualTo(ToolOutcome.Kind.FAILED);
      assertThat(outcome.detail()).startsWith("Unknown configuration property: ");
      assertThat(problem).contains(outcome.detail().replaceAll("\\. Please.*", ""));
      return;
    }
    assertThat(FlywaySettings.of(script, Map.of()).locations()).containsExactly(dir.resolve("sql"));
    List<Finding> fatal = new ArrayList<>();
    String modes = "";
    for (Path p : List.of(dir.resolve("sql/V1__setup.sql"), script)) {
      MigrationScript m = script(p);
      assertThat(m.framework()).isEqualTo(Framework.FLYWAY);
      LINTER.lint(m.source(), m.plan()).findings().stream()
          .filter(f -> f.ruleId().equals("ban-concurrently-in-transaction")).forEach(fatal::add);
      modes = m.plan().regions().stream().map(reg -> mode(reg.mode())).distinct().collect(Collectors.joining(", "));
    }
    ToolOutcome outcome = FlywayMavenTool.migrate(server, database, dir);
    record(c, fatal.isEmpty() ? "applies" : "fails: " + fatal.get(0).message(), modes, outcome.cell());
    check("the flyway-maven-plugin", fatal, outcome);
  }

  /** The rule fixtures with fixed output (test-fixtures/, at the level their fixed file names), for each tool. */
  static Stream<Arguments> fixedFixtures() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("test-fixtures"))) {
      for (Path fixed : files.filter(p -> p.toString().endsWith(".fixed.sql")).sorted().toList()) {
        String name = fixed.getFileName().toString();
        Applicability level = name.endsWith(".unsafe.fixed.sql") ? Applicability.UNSAFE : Applicability.SAFE;
        Path original = fixed.resolveSibling(name.replaceFirst("(\\.unsafe)?\\.fixed\\.sql$", ".sql"));
        String sql = Files.readString(original);
        if (sql.contains("-- fixture:")) continue; // written for other settings or another major
        if (MigrationScript.of(Path.of("db/migration/V2__x.sql"), SourceFile.of("V2__x.sql", sql), null, false).framework()
            != Framework.FLYWAY) {
          continue; // written for another tool (its markers say which)
        }
        for (String tool : List.of("Flyway", "Liquibase")) out.add(Arguments.of(tool, original, level));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: fixed {1} ({2})")
  @MethodSource("fixedFixtures")
  void fixedFixturesRunUnderTheTool(String tool, Path original, Applicability level) throws Exception {
    String setup = Files.readString(original.resolveSibling(original.getFileName().toString().replace(".sql", ".setup.sql")));
    String sql = Files.readString(original).replaceAll("--\\s*expect:[^\n]*", "");
    Path file = tool.equals("Flyway") ? dir.resolve("db/migration/V2__fixture.sql") : dir.resolve("changelog.sql");
    String text = tool.equals("Flyway") ? sql : "--liquibase formatted sql\n\n--changeset fix:1\n" + sql;
    Files.createDirectories(file.getParent());
    MigrationScript before = MigrationScript.of(file, SourceFile.of(file.toString(), text), null, false);
    FixSession.Outcome fixed = FixSession.run(before.source(),
        level, s -> LINTER.lint(s, MigrationScript.of(file, s, null, false).plan()));
    Case c = new Case(tool, "`fix` of " + Path.of("test-fixtures").relativize(original) + (level == Applicability.UNSAFE
        ? " with --unsafe-fixes" : ""), Map.of(), null);
    if (fixed.refused() != null) {
      record(c, "refuses to fix: " + fixed.refused(), "-", "not run");
      return;
    }
    List<Finding> fatalBefore = LINTER.lint(before.source(), before.plan()).findings().stream()
        .filter(f -> FATAL.contains(f.ruleId())).toList();
    Files.writeString(file, fixed.text());
    MigrationScript script = script(file);
    FileResult r = LINTER.lint(script.source(), script.plan());
    List<Finding> fatal = r.findings().stream().filter(f -> FATAL.contains(f.ruleId())).toList();
    PostgresServer server = PostgresServer.of(15);
    String database = server.createDatabase();
    try (java.sql.Connection conn = server.connect(database)) {
      conn.createStatement().execute(setup);
    }
    Map<String, String> settings = new TreeMap<>(Map.of("flyway.baselineOnMigrate", "true", "flyway.baselineVersion", "1"));
    ToolOutcome outcome = tool.equals("Flyway")
        ? FlywayTool.migrate(server, database, file.getParent(), settings)
        : LiquibaseTool.update(server, database, dir, "changelog.sql");
    String modes = script.plan().regions().stream().map(reg -> mode(reg.mode())).distinct().collect(Collectors.joining(", "));
    String says = fatal.isEmpty() ? "applies" : fatalBefore.isEmpty() ? "fails: " + fatal.get(0).message()
        : "fails, as the original does: " + fatal.get(0).message();
    record(c, says, modes, outcome.cell());
    check(tool, fatal, outcome);
    assertThat(fatal.isEmpty() || !fatalBefore.isEmpty()).as("the fix makes a migration fail that did not").isTrue();
  }

  private static void check(String tool, List<Finding> fatal, ToolOutcome outcome) {
    if (fatal.isEmpty()) {
      assertThat(outcome.kind()).as("lockstep finds nothing fatal, so %s applies it: %s", tool, outcome.detail())
          .isEqualTo(ToolOutcome.Kind.APPLIED);
      return;
    }
    String message = fatal.get(0).message();
    assertThat(outcome.kind()).as("lockstep says: %s", message).isNotEqualTo(ToolOutcome.Kind.APPLIED);
    if (message.contains("Unterminated dollar quote")) {
      assertThat(outcome.detail()).contains("Unterminated dollar quote");
    } else if (message.contains("gets it in pieces")) {
      assertThat(outcome.kind()).isEqualTo(ToolOutcome.Kind.FAILED);
    } else if (outcome.kind() == ToolOutcome.Kind.HUNG || outcome.detail().contains("lock timeout")) {
      assertThat(message).contains("hangs");
    } else if (outcome.detail().startsWith("Detected both transactional and non-transactional")) {
      assertThat(message).contains("Detected both transactional and non-transactional statements");
    } else {
      assertThat(outcome.detail()).contains("cannot run inside a transaction block");
      assertThat(message).contains("cannot run inside a transaction block");
    }
  }

  /** flyway.conf's settings, and over them the environment variables as Flyway itself maps them to settings. */
  private Map<String, String> flywaySettings(Map<String, String> environment) {
    Path conf = dir.resolve("flyway.conf");
    Map<String, String> out = new TreeMap<>(Files.exists(conf)
        ? ConfigUtils.loadConfigurationFile(conf.toFile(), "UTF-8", true) : Map.of());
    Map<String, String> fromEnvironment = ConfigUtils.environmentVariablesToPropertyMap(environment);
    assertThat(fromEnvironment.keySet()).as("Flyway reads every variable given").hasSize(environment.size());
    out.putAll(fromEnvironment);
    return out;
  }

  private List<Path> migrations(Case c) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
  }

  private static MigrationScript script(Path p) throws IOException {
    return script(p, Map.of());
  }

  private static MigrationScript script(Path p, Map<String, String> environment) throws IOException {
    String text = Files.readString(p);
    return MigrationScript.declared(p, SourceFile.of(p.toString(), text), null, false, environment);
  }

  private static String mode(TransactionPlan.Mode mode) {
    return switch (mode) {
      case AUTOCOMMIT -> "autocommit";
      case WRAPPED -> "wrapped";
      case ONE_CALL -> "one call";
      case FLYWAY_AUTO -> "Flyway, mixed=true";
      case FLYWAY_STRICT -> "Flyway default";
    };
  }

  private static void record(Case c, String lockstep, String modes, String result) {
    synchronized (ROWS) {
      ROWS.computeIfAbsent(c.tool(), k -> new ArrayList<>()).add("| " + cell(c.what()) + " | " + cell(modes) + " | "
          + cell(lockstep) + " | " + cell(result) + " |");
    }
  }

  /** A table cell: one line, pipes escaped, and outside `code` spans an XML tag shown as text, not taken as HTML. */
  private static String cell(String s) {
    String[] parts = s.replaceAll("\\s+", " ").replace("|", "\\|").strip().split("`", -1);
    for (int i = 0; i < parts.length; i += 2) parts[i] = parts[i].replace("<", "&lt;").replace(">", "&gt;");
    return String.join("`", parts);
  }

  @AfterAll
  static void docsAgree() throws Exception {
    if (ROWS.size() < 2 || ROWS.values().stream().mapToInt(List::size).sum() < 40) return; // a partial run
    Path doc = Path.of("docs", "frameworks.md");
    String text = Files.readString(doc);
    String updated = text;
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("Flyway", "flyway-core and flyway-database-postgresql " + FlywayTool.version());
    versions.put("Liquibase", "liquibase-core " + LiquibaseTool.version());
    if (ROWS.containsKey("sqitch")) versions.put("sqitch", "Debian's sqitch " + SqitchTool.version() + ", with psql");
    for (var e : versions.entrySet()) {
      String begin = "<!-- " + e.getKey() + " runs by ToolRunsOnPostgresTest: generated, do not edit -->";
      String end = "<!-- end of " + e.getKey() + " runs -->";
      StringBuilder table = new StringBuilder(begin).append("\n\n").append(e.getKey()).append(" (")
          .append(e.getValue()).append("), default settings unless the row says otherwise, on PostgreSQL 15:\n\n")
          .append("| what was run | transaction mode (lockstep) | lockstep says | result |\n|---|---|---|---|\n");
      ROWS.get(e.getKey()).stream().sorted().forEach(r -> table.append(r).append('\n'));
      table.append('\n').append(end);
      int a = updated.indexOf(begin);
      updated = a >= 0
          ? updated.substring(0, a) + table + updated.substring(updated.indexOf(end) + end.length())
          : updated + "\n" + table + "\n";
    }
    if (updated.equals(text)) return;
    if (Boolean.getBoolean("lockstep.updateDocs")) {
      Files.writeString(doc, updated);
      return;
    }
    assertThat(updated).as("docs/frameworks.md's tool tables are out of date (run with -Dlockstep.updateDocs=true)")
        .isEqualTo(text);
  }
}
