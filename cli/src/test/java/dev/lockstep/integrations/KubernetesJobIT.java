package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lockstep.pg.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Helm chart's preflight Job runs, as far as this machine can run it without a cluster or
 * a container engine: the image's entrypoint script, with a runtime made by the Containerfile's
 * jlink step and the built jar, given the arguments from the chart's values and the database
 * address in LOCKSTEP_DATABASE_URL as the Secret gives it, against a real server.
 */
class KubernetesJobIT {
  static final Path CHART = Path.of("deploy", "helm", "lockstep-migrations");
  static final Path ENTRYPOINT = Path.of("deploy", "container", "entrypoint.sh").toAbsolutePath();
  static EmbeddedPostgres server;
  static Path runtime;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    try {
      server = EmbeddedPostgres.start(EmbeddedPostgres.findBinaries());
    } catch (IOException e) {
      String problem = "no PostgreSQL server for the preflight Job: " + e.getMessage();
      if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
      System.err.println("SKIPPED: " + problem);
      assumeTrue(false, problem);
    }
    Path hba = server.dir().resolve("data").resolve("pg_hba.conf");
    Files.writeString(hba, "host all secretive 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
    sql("postgres", "CREATE ROLE secretive LOGIN PASSWORD 'right-one'", "SELECT pg_reload_conf()",
        "CREATE TABLE accounts (id int, balance int)");
    runtime = jlinkRuntime();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** The Containerfile's runtime stage: jdeps picks the modules, jlink cuts the runtime. */
  static Path jlinkRuntime() throws Exception {
    Path out = Path.of("cli", "target", "lockstep-runtime").toAbsolutePath();
    if (Files.isExecutable(out.resolve("bin").resolve("java"))) return out;
    Path jdk = Path.of(System.getProperty("java.home"), "bin");
    String containerfile = Files.readString(Path.of("deploy", "container", "Containerfile"));
    assertThat(containerfile).contains("jdeps --ignore-missing-deps --print-module-deps --multi-release base /tmp/lockstep.jar")
        .contains("jlink --add-modules \"${modules},jdk.crypto.ec,jdk.unsupported\"");
    String modules = EmbeddedPostgres.run(null, List.of(jdk.resolve("jdeps").toString(), "--ignore-missing-deps",
        "--print-module-deps", "--multi-release", "base", Shell.JAR.toString())).strip();
    EmbeddedPostgres.run(null, List.of(jdk.resolve("jlink").toString(), "--add-modules",
        modules + ",jdk.crypto.ec,jdk.unsupported", "--strip-debug", "--no-header-files", "--no-man-pages",
        "--output", out.toString()));
    return out;
  }

  static void sql(String database, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(database)); Statement s = c.createStatement()) {
      for (String statement : statements) s.execute(statement);
    }
  }

  /** The Job's container command: the chart's preflight arguments, then the migrations' folder. */
  List<String> jobCommand(Path migrations) throws IOException {
    JsonNode values = new YAMLMapper().readTree(CHART.resolve("values.yaml").toFile());
    String job = Files.readString(CHART.resolve("templates").resolve("preflight-job.yaml"));
    assertThat(job).contains("{{- toYaml .Values.preflight.args | nindent 12 }}\n            - /migrations\n")
        .contains("\"helm.sh/hook\": pre-install,pre-upgrade").contains("name: LOCKSTEP_DATABASE_URL")
        .contains("backoffLimit: 0").contains("runAsNonRoot: true");
    List<String> command = new ArrayList<>(List.of("sh", ENTRYPOINT.toString()));
    values.at("/preflight/args").forEach(a -> command.add(a.asText()));
    command.add(migrations.toString());
    return command;
  }

  Shell.Result job(String databaseUrl, String pgPassword) throws Exception {
    Path migrations = dir.resolve("migrations");
    Files.createDirectories(migrations);
    Files.writeString(migrations.resolve("V2__widen.sql"),
        "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN balance TYPE bigint;\n");
    Shell shell = new Shell(dir).env("LOCKSTEP_JAVA", runtime.resolve("bin").resolve("java").toString())
        .env("LOCKSTEP_DATABASE_URL", databaseUrl);
    if (pgPassword != null) shell.env("PGPASSWORD", pgPassword);
    return shell.run(jobCommand(migrations).toArray(String[]::new));
  }

  @Test
  void theJobPassesWhenReadyAndFailsTheReleaseWhenNot() throws Exception {
    String url = "postgresql://postgres@127.0.0.1:" + server.port() + "/postgres";
    Shell.Result ready = job(url, null);
    assertThat(ready.exit()).as(ready.output()).isZero();
    assertThat(ready.output()).contains(": ready (0 problems, 0 warnings)");
    try (Connection other = DriverManager.getConnection(server.jdbcUrl("postgres")); Statement s = other.createStatement()) {
      other.setAutoCommit(false);
      s.execute("LOCK TABLE accounts IN SHARE MODE");
      Shell.Result blocked = job(url, null);
      assertThat(blocked.exit()).as(blocked.output()).isEqualTo(1);
      assertThat(blocked.output()).contains("NOT READY (1 problem, 0 warnings)")
          .contains(") holds SHARE on public.accounts, transaction open for ");
      other.rollback();
    }
  }

  @Test
  void aWrongPasswordFromPgpasswordIsExitTwoAndNeverPrinted() throws Exception {
    Shell.Result r = job("postgresql://secretive@127.0.0.1:" + server.port() + "/postgres", "wr0ng-s3cret");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("lockstep: postgresql://secretive@127.0.0.1:" + server.port()
        + "/postgres: password authentication failed for user \"secretive\"\n");
  }
}
