package dev.lockstep.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lockstep.engine.LockMode;
import dev.lockstep.engine.Severity;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TranslatedOutput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every preflight format on one report that has a bit of everything; JSON and SARIF checked against their schemas. */
class PreflightFormatsTest {
  /** pg_stat_progress_create_index's words, quoted as the server gives them. */
  static final String BUILD_PHASE = "CREATE INDEX CONCURRENTLY by pid 4243: waiting for writers before build";
  static final Site SITE = new Site("db/V2__widen balance.sql", 2, 1, "ban-column-type-change");

  static PreflightReport report() {
    InvalidIndex invalid = new InvalidIndex("public.users_email_key", "public.users",
        "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", 16384, InvalidIndex.State.INVALID, null,
        Severity.ERROR, InvalidIndexes.remediation("public.users_email_key", "users_email_key",
            "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", false, 15));
    InvalidIndex building = new InvalidIndex("public.events_kind_idx", "public.events",
        "CREATE INDEX events_kind_idx ON public.events USING btree (kind)", 0, InvalidIndex.State.BUILD_IN_PROGRESS,
        BUILD_PHASE, Severity.WARNING, List.of());
    BlockingSession session = new BlockingSession(4242, "app", "billing-worker", "idle in transaction", "client backend", 42L,
        "SELECT * FROM accounts WHERE id = $1", "public.accounts", LockMode.ACCESS_SHARE, true,
        BlockingSession.Reason.IDLE_IN_TRANSACTION, Severity.ERROR, LockMode.ACCESS_EXCLUSIVE, SITE);
    TableReport accounts = new TableReport("accounts", "public.accounts", 80_000_000L, 12L << 30, List.of(
        new TableReport.Impact(SITE, LockMode.ACCESS_EXCLUSIVE,
            Text.of("rewrites %s (%s) under %s", "accounts", Text.of("%s, about %s", "12 GB", Sizes.rows(80_000_000)),
                "ACCESS EXCLUSIVE"))));
    TableReport created = new TableReport("audit_log", null, null, 0, List.of());
    ReplicationWarning slot = new ReplicationWarning("slot", "standby_1", null, 16L << 20, false,
        Text.of("inactive %s replication slot %s retains %s of WAL: the server keeps every WAL file from its position on, "
            + "and a rewrite writes the table's size again to WAL (drop the slot with pg_drop_replication_slot if its "
            + "consumer is gone)", Text.of("physical"), "'standby_1'", "16 MB"));
    return new PreflightReport("postgresql://app@db:5432/app", new ServerInfo("15.18", 15, "app", false, false), null,
        List.of(invalid, building), List.of(session), List.of(accounts, created), List.of(slot),
        List.of(Text.of("replicas' replay lag (hidden: grant pg_read_all_stats or pg_monitor to see it)")), 3, List.of());
  }

  static String write(String format, PreflightReport r) throws Exception {
    return write(format, r, Catalog.ENGLISH);
  }

  static String write(String format, PreflightReport r, Catalog catalog) throws Exception {
    StringBuilder sb = new StringBuilder();
    PreflightFormat.named(format, catalog).write(r, sb);
    return sb.toString();
  }

  /** The same report in Spanish and Portuguese, byte for byte as the goldens in preflight/ hold it. */
  @ParameterizedTest
  @CsvSource({"text,es", "text,pt", "github,es", "github,pt", "json,es", "json,pt", "sarif,es", "sarif,pt"})
  void translated(String format, String code) throws Exception {
    Language language = Language.ofTag(code).orElseThrow();
    String golden = "/preflight/report." + code + "." + switch (format) {
      case "github" -> "github.txt";
      case "text" -> "txt";
      default -> format;
    };
    // the tool's own version changes with each release; the golden holds a stand-in
    String actual = write(format, report(), Catalog.of(language))
        .replace("\"version\" : \"" + dev.lockstep.report.Version.current() + "\"", "\"version\" : \"VERSION\"");
    if (Boolean.getBoolean("lockstep.updateGoldens")) {
      Path file = Path.of("core/src/test/resources" + golden);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
    }
    try (InputStream in = PreflightFormatsTest.class.getResourceAsStream(golden)) {
      assertThat(in).as(golden).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(TranslatedOutput.englishIn(actual, BUILD_PHASE)).as("English words in the %s %s report", code, format).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"es,es", "pt,pt-BR"})
  void translatedSarifNamesItsLanguageAndKeepsItsKeys(String code, String tag) throws Exception {
    Catalog catalog = Catalog.of(Language.ofTag(code).orElseThrow());
    JsonNode sarif = new ObjectMapper().readTree(write("sarif", report(), catalog));
    assertThat(sarif.at("/runs/0/language").asText()).isEqualTo(tag);
    assertThat(new ObjectMapper().readTree(write("sarif", report())).at("/runs/0/language").asText()).isEqualTo("en");
    JsonNode english = new ObjectMapper().readTree(write("json", report()));
    JsonNode translated = new ObjectMapper().readTree(write("json", report(), catalog));
    assertThat(keys(translated)).isEqualTo(keys(english));
    assertThat(translated.get("status")).isEqualTo(english.get("status"));
    assertThat(translated.at("/sessions/0/message").asText()).isNotEqualTo(english.at("/sessions/0/message").asText());
  }

  private static List<String> keys(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fields().forEachRemaining(e -> {
      out.add(e.getKey());
      for (JsonNode child : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
        if (child.isObject()) keys(child).forEach(k -> out.add(e.getKey() + "." + k));
      }
    });
    return out;
  }

  @Test
  void text() throws Exception {
    assertThat(write("text", report())).isEqualTo("""
        lockstep preflight: postgresql://app@db:5432/app, PostgreSQL 15.18: NOT READY (2 problems, 2 warnings)

        INVALID indexes
          error: public.users_email_key on public.users is INVALID (16 kB): no build is running, it is left over from a failed CONCURRENTLY build and slows every write to its table
            CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)
            -- outside a transaction block (CONCURRENTLY cannot run inside one), one statement at a time
            SET lock_timeout = '5s';
            DROP INDEX CONCURRENTLY IF EXISTS public.users_email_key;
            CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON public.users USING btree (email);
            RESET lock_timeout;
            -- if a statement stops with "canceling statement due to lock timeout", run it again later;
            -- a CREATE that fails leaves a new INVALID index: start again from the DROP
          warning: public.events_kind_idx on public.events: a build is in progress (CREATE INDEX CONCURRENTLY by pid 4243: waiting for writers before build), not left over: leave it alone
            CREATE INDEX events_kind_idx ON public.events USING btree (kind)

        Sessions in the way of the migrations
          error: pid 4242 (app, billing-worker) is idle in a transaction that holds ACCESS SHARE on public.accounts, transaction open for 42 s; db/V2__widen balance.sql:2:1 [ban-column-type-change] needs ACCESS EXCLUSIVE, which waits for it
            query: SELECT * FROM accounts WHERE id = $1

        Tables the migrations lock
          public.accounts: about 80,000,000 rows, 12 GB
            db/V2__widen balance.sql:2:1 [ban-column-type-change] rewrites accounts (12 GB, about 80,000,000 rows) under ACCESS EXCLUSIVE
          audit_log: not in the database (created by the migrations, or not on the search_path)

        Replication
          warning: inactive physical replication slot 'standby_1' retains 16 MB of WAL: the server keeps every WAL file from its position on, and a rewrite writes the table's size again to WAL (drop the slot with pg_drop_replication_slot if its consumer is gone)

        Not checked
          replicas' replay lag (hidden: grant pg_read_all_stats or pg_monitor to see it)
        """);
  }

  @Test
  void jsonValidatesAgainstItsDocumentedSchema() throws Exception {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("docs", "preflight-schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonNode json = new ObjectMapper().readTree(write("json", report()));
    assertThat(schema.validate(json)).isEmpty();
    assertThat(json.get("status").asText()).isEqualTo("not-ready");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.at("/sessions/0/neededBy/line").asInt()).isEqualTo(2);
    assertThat(json.at("/invalidIndexes/0/remediation/2").asText())
        .isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON public.users USING btree (email);");
    // and the schema is not a rubber stamp
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("status", "fine");
    assertThat(schema.validate(json)).hasSize(1);
  }

  @Test
  void sarifValidatesAgainstTheOfficialSchema() throws Exception {
    JsonSchema schema;
    try (InputStream in = PreflightFormatsTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonNode sarif = new ObjectMapper().readTree(write("sarif", report()));
    assertThat(schema.validate(sarif)).isEmpty();
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results).hasSize(5);
    assertThat(results.get(2).at("/ruleId").asText()).isEqualTo("preflight-blocking-session");
    assertThat(results.get(2).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("db/V2__widen%20balance.sql");
  }

  @Test
  void sarifNamesTheToolAsLintsSarifDoes() throws Exception {
    JsonNode preflight = new ObjectMapper().readTree(write("sarif", report()));
    StringBuilder lint = new StringBuilder();
    new dev.lockstep.report.SarifReporter().write(new dev.lockstep.report.LintReport(List.of(), List.of(), 15), lint);
    JsonNode linted = new ObjectMapper().readTree(lint.toString());
    for (JsonNode log : List.of(preflight, linted)) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/tool/driver")).remove("rules");
      ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0")).retain("tool");
    }
    assertThat(preflight).isEqualTo(linted);
    assertThat(preflight.at("/runs/0/tool/driver/name").asText()).isEqualTo("lockstep");
  }

  @Test
  void github() throws Exception {
    assertThat(write("github", report())).isEqualTo("""
        ::error title=lockstep preflight%3A INVALID index::public.users_email_key on public.users is INVALID; remediation:%0ASET lock_timeout = '5s';%0ADROP INDEX CONCURRENTLY IF EXISTS public.users_email_key;%0ACREATE UNIQUE INDEX CONCURRENTLY users_email_key ON public.users USING btree (email);%0ARESET lock_timeout;
        ::warning title=lockstep preflight%3A INVALID index::public.events_kind_idx on public.events: a build is in progress (CREATE INDEX CONCURRENTLY by pid 4243: waiting for writers before build)
        ::error file=db/V2__widen balance.sql,line=2,col=1,title=lockstep preflight%3A session in the way::pid 4242 (app, billing-worker) is idle in a transaction that holds ACCESS SHARE on public.accounts, transaction open for 42 s; db/V2__widen balance.sql:2:1 [ban-column-type-change] needs ACCESS EXCLUSIVE, which waits for it%0Aquery: SELECT * FROM accounts WHERE id = $1
        ::notice file=db/V2__widen balance.sql,line=2,col=1,title=lockstep preflight%3A table size::rewrites accounts (12 GB, about 80,000,000 rows) under ACCESS EXCLUSIVE
        ::warning title=lockstep preflight%3A replication::inactive physical replication slot 'standby_1' retains 16 MB of WAL: the server keeps every WAL file from its position on, and a rewrite writes the table's size again to WAL (drop the slot with pg_drop_replication_slot if its consumer is gone)
        ::warning title=lockstep preflight%3A not checked::replicas' replay lag (hidden: grant pg_read_all_stats or pg_monitor to see it)
        ::error title=lockstep preflight::NOT READY (2 problems, 2 warnings)
        """);
  }

  @Test
  void theStatsSnapshotValidatesAgainstItsDocumentedSchema() throws Exception {
    StatsSnapshot snapshot = new StatsSnapshot("18.0", 18, "app", "2026-12-07T12:00:00Z",
        List.of(new StatsSnapshot.Table("public", "orders", "table", 120L, 49152,
            List.of(new StatsSnapshot.Index("orders_pkey", true, true, true))),
            new StatsSnapshot.Table("app", "Events", "partitioned table", null, 0, List.of())),
        List.of(new StatsSnapshot.AppliedMigration("flyway", "public.flyway_schema_history", "1", "init"),
            new StatsSnapshot.AppliedMigration("flyway", "public.flyway_schema_history", null, "views")),
        List.of("public.goose_db_version: goose history not read (the role may not SELECT from it)"));
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("docs", "stats-schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    assertThat(schema.validate(new ObjectMapper().readTree(snapshot.toJson()))).isEmpty();
    assertThat(snapshot.table("orders").estimatedRows()).isEqualTo(120L);
    assertThat(snapshot.table("\"Events\"").kind()).isEqualTo("partitioned table");
    assertThat(snapshot.table("app.\"Events\"")).isNotNull();
    assertThat(snapshot.table("events")).isNull(); // unquoted names fold to lower case
    assertThat(snapshot.table("other.orders")).isNull();
  }

  @TempDir
  Path dir;

  @Test
  void theSnapshotIsWrittenAtomicallyKeepingTheFilesModeAndNotFollowingALink() throws Exception {
    StatsSnapshot snapshot = new StatsSnapshot("18.0", 18, "app", "2026-12-07T12:00:00Z", List.of(), List.of(), List.of());
    Path file = Files.writeString(dir.resolve("lockstep-stats.json"), "old");
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    snapshot.write(file);
    assertThat(Files.readString(file)).isEqualTo(snapshot.toJson());
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    Path target = Files.writeString(dir.resolve("elsewhere.txt"), "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
    snapshot.write(link);
    assertThat(Files.readString(target)).isEqualTo("keep me");
    assertThat(Files.isSymbolicLink(link)).isFalse();
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("elsewhere.txt", "link.json", "lockstep-stats.json");
    }
  }

  @Test
  void lockConflictsFollowPostgresqlsTable() {
    assertThat(LockMode.ACCESS_EXCLUSIVE.conflictsWith(LockMode.ACCESS_SHARE)).isTrue();
    assertThat(LockMode.SHARE.conflictsWith(LockMode.ROW_EXCLUSIVE)).isTrue();
    assertThat(LockMode.SHARE.conflictsWith(LockMode.SHARE)).isFalse();
    assertThat(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE)).isTrue();
    assertThat(LockMode.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE)).isFalse();
    assertThat(LockMode.EXCLUSIVE.conflictsWith(LockMode.ACCESS_SHARE)).isFalse();
    assertThat(LockMode.EXCLUSIVE.conflictsWith(LockMode.ROW_SHARE)).isTrue();
    // symmetric, as PostgreSQL's table is
    for (LockMode a : LockMode.values()) {
      for (LockMode b : LockMode.values()) assertThat(a.conflictsWith(b)).isEqualTo(b.conflictsWith(a));
    }
  }

  @Test
  void whichSessionsHoldTheMigrationsUp() {
    long max = 5_000;
    LockMode ae = LockMode.ACCESS_EXCLUSIVE;
    // an anti-wraparound autovacuum cannot be cancelled by DDL; an ordinary one is, by PostgreSQL itself
    assertThat(LockedSessions.reason(ae, LockMode.SHARE_UPDATE_EXCLUSIVE, true, "active", "autovacuum worker", null,
        "autovacuum: VACUUM public.orders (to prevent wraparound)", max)).isEqualTo(BlockingSession.Reason.WRAPAROUND_AUTOVACUUM);
    assertThat(LockedSessions.reason(ae, LockMode.SHARE_UPDATE_EXCLUSIVE, true, "active", "autovacuum worker", null,
        "autovacuum: VACUUM ANALYZE public.orders", max)).isNull();
    assertThat(LockedSessions.reason(LockMode.SHARE, LockMode.SHARE_UPDATE_EXCLUSIVE, true, "active", "autovacuum worker",
        null, "autovacuum: VACUUM public.orders (to prevent wraparound)", max)).isEqualTo(BlockingSession.Reason.WRAPAROUND_AUTOVACUUM);
    // a queue exists: whatever waits for a conflicting lock
    assertThat(LockedSessions.reason(ae, LockMode.ROW_EXCLUSIVE, false, "active", "client backend", 0L, "UPDATE", max))
        .isEqualTo(BlockingSession.Reason.WAITING);
    // short ordinary traffic is not in the way; long or idle transactions are
    assertThat(LockedSessions.reason(ae, LockMode.ROW_EXCLUSIVE, true, "active", "client backend", 1L, "UPDATE", max)).isNull();
    assertThat(LockedSessions.reason(ae, LockMode.ROW_EXCLUSIVE, true, "active", "client backend", 6L, "UPDATE", max))
        .isEqualTo(BlockingSession.Reason.LONG_TRANSACTION);
    assertThat(LockedSessions.reason(ae, LockMode.ACCESS_SHARE, true, "idle in transaction", "client backend", 6L, "SELECT",
        max)).isEqualTo(BlockingSession.Reason.IDLE_IN_TRANSACTION);
    // a lock that does not conflict: only a long transaction is worth a warning
    assertThat(LockedSessions.reason(LockMode.SHARE_UPDATE_EXCLUSIVE, LockMode.ROW_EXCLUSIVE, true, "active",
        "client backend", 60L, "UPDATE", max)).isEqualTo(BlockingSession.Reason.TOUCHES_TABLE);
    assertThat(LockedSessions.reason(LockMode.SHARE_UPDATE_EXCLUSIVE, LockMode.ROW_EXCLUSIVE, true, "active",
        "client backend", 1L, "UPDATE", max)).isNull();
    // hidden from the role: a strong lock is still in the way, an ordinary one cannot be judged
    assertThat(LockedSessions.reason(ae, LockMode.SHARE, true, null, "client backend", null, null, max))
        .isEqualTo(BlockingSession.Reason.STRONG_LOCK);
    assertThat(LockedSessions.reason(ae, LockMode.ACCESS_SHARE, true, null, "client backend", null, null, max))
        .isEqualTo(BlockingSession.Reason.HIDDEN);
  }

  @Test
  void remediationOfAConstraintsIndexAndOfReindexLeftovers() {
    assertThat(InvalidIndexes.remediation("public.users_pkey", "users_pkey",
        "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)", true, 15))
        .containsExactly("SET lock_timeout = '5s';", "REINDEX INDEX CONCURRENTLY public.users_pkey;", "RESET lock_timeout;");
    assertThat(InvalidIndexes.remediation("public.users_email_idx_ccnew", "users_email_idx_ccnew",
        "CREATE INDEX users_email_idx_ccnew ON public.users USING btree (email)", false, 15))
        .containsExactly("SET lock_timeout = '5s';", "DROP INDEX CONCURRENTLY IF EXISTS public.users_email_idx_ccnew;",
            "RESET lock_timeout;");
  }

  @Test
  void pendingMigrationsAreMatchedByWhatEachToolRecords() {
    PendingMigrations history = new PendingMigrations(List.of(
        new StatsSnapshot.AppliedMigration("flyway", "public.flyway_schema_history", "1.1", "x"),
        new StatsSnapshot.AppliedMigration("goose", "public.goose_db_version", "20240101120000", null),
        new StatsSnapshot.AppliedMigration("golang-migrate", "public.schema_migrations", "7", null),
        new StatsSnapshot.AppliedMigration("prisma", "public._prisma_migrations", "20240101000000_init", null),
        new StatsSnapshot.AppliedMigration("sqitch", "sqitch.changes", "f00d", "users")));
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.FLYWAY, Path.of("db/V1_01__x.sql")))
        .isEqualTo("public.flyway_schema_history");
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.FLYWAY, Path.of("db/V1.2__x.sql"))).isNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.FLYWAY, Path.of("db/R__views.sql"))).isNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.GOOSE, Path.of("20240101120000_a.sql"))).isNotNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.GOOSE, Path.of("20240101120001_b.sql"))).isNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.GOLANG_MIGRATE, Path.of("000007_a.up.sql"))).isNotNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.GOLANG_MIGRATE, Path.of("000008_b.up.sql"))).isNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.PRISMA,
        Path.of("prisma/migrations/20240101000000_init/migration.sql"))).isNotNull();
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.SQITCH, Path.of("deploy/users.sql"))).isNotNull();
    // Drizzle and Liquibase are matched on their files' contents (ToolHistoryMatchTest); without their rows, pending
    assertThat(history.appliedIn(dev.lockstep.frameworks.Framework.DRIZZLE, Path.of("drizzle/0000_x.sql"))).isNull();
  }

  @Test
  void queryTextIsCutShortOnOneLineWithPasswordsMasked() {
    assertThat(LockedSessions.shorten("ALTER ROLE app\n  PASSWORD 'hunter''2'")).isEqualTo("ALTER ROLE app PASSWORD '***'");
    assertThat(LockedSessions.shorten("x".repeat(300))).hasSize(200).endsWith("…");
  }
}
