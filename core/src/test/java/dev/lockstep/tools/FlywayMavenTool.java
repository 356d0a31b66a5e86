package dev.lockstep.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.pg.PostgresServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The flyway-maven-plugin (the version of the flyway-core these tests use, from Maven Central) running
 * {@code mvn flyway:migrate} in a project folder whose pom.xml configures it: the way a Maven team runs
 * Flyway, reading the settings from the plugin's configuration.
 */
final class FlywayMavenTool {
  private FlywayMavenTool() {}

  /** A pom whose flyway-maven-plugin connects to the database and has {@code configuration} besides. */
  static String pom(PostgresServer server, String database, String configuration) {
    String version = FlywayTool.version();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n"
        + "  <groupId>example</groupId><artifactId>shop</artifactId><version>1</version>\n"
        + "  <build><plugins><plugin>\n"
        + "    <groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId><version>" + version + "</version>\n"
        + "    <configuration>\n"
        + "      <url>jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database + "</url><user>postgres</user>\n"
        + configuration
        + "    </configuration>\n"
        + "    <dependencies>\n"
        + "      <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId>"
        + "<version>" + version + "</version></dependency>\n"
        + "      <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId>"
        + "<version>" + org.postgresql.util.DriverInfo.DRIVER_VERSION + "</version></dependency>\n"
        + "    </dependencies>\n"
        + "  </plugin></plugins></build>\n"
        + "</project>\n";
  }

  /**
   * {@code mvn flyway:migrate} in {@code project}; skipped (failed under LOCKSTEP_REQUIRE_TOOLS=1)
   * without Maven. A session of the database that waits for a lock for several seconds waits for
   * something that will not come: what it waits for is recorded and the database's sessions are ended.
   */
  static ToolOutcome migrate(PostgresServer server, String database, Path project) throws Exception {
    assertMaven(project);
    CompletableFuture<Processes.Result> run = CompletableFuture.supplyAsync(() -> {
      try {
        return Processes.run(List.of("mvn", "-B", "-ntp", "-q", "-Dstyle.color=never", "flyway:migrate"), project, Map.of(), 300);
      } catch (java.io.IOException e) {
        return new Processes.Result(127, e.getMessage());
      }
    });
    String waiting = null;
    while (!run.isDone() && waiting == null) {
      Thread.sleep(500);
      waiting = stuck(server, database);
    }
    Processes.Result r = run.get(120, TimeUnit.SECONDS);
    if (waiting != null) return new ToolOutcome(ToolOutcome.Kind.HUNG, waiting);
    if (r.exit() == 0) return ToolOutcome.applied();
    String out = r.output().replaceAll("\u001B\\[[0-9;]*m", "").replace(" -> [Help 1]", "");
    for (String marker : List.of("Detected both transactional", "Unknown configuration property", "ERROR: ")) {
      int at = out.indexOf(marker);
      if (at >= 0) return new ToolOutcome(ToolOutcome.Kind.FAILED, out.substring(at).lines().findFirst().orElse("").strip());
    }
    return new ToolOutcome(ToolOutcome.Kind.FAILED, out.lines().filter(l -> l.contains("[ERROR]")).findFirst()
        .orElse(out.strip()));
  }

  /** What a session waiting for a lock for 8 seconds waits for, after ending the database's sessions; else null. */
  private static String stuck(PostgresServer server, String database) throws SQLException {
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      String waiting = null;
      try (ResultSet rs = s.executeQuery("SELECT wait_event_type || ' ' || wait_event, query FROM pg_stat_activity "
          + "WHERE datname = '" + database + "' AND wait_event_type = 'Lock' AND now() - state_change > interval '8 s' "
          + "ORDER BY pid")) {
        if (rs.next()) waiting = "`" + rs.getString(2).replaceAll("\\s+", " ").strip() + "` waits for a " + rs.getString(1) + " lock";
      }
      if (waiting != null) s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
      return waiting;
    }
  }

  private static void assertMaven(Path project) throws Exception {
    Processes.Result r = Processes.run(List.of("mvn", "-v"), project, Map.of(), 120);
    if (r.exit() == 0) return;
    String problem = "Maven (mvn) is not on the PATH";
    if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
    assumeTrue(false, problem);
  }

  static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
