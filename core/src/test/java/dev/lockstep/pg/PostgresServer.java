package dev.lockstep.pg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL server for tests ({@link EmbeddedPostgres}), one per major and test JVM:
 * Debian's package gives 15, the binaries artifacts the build copies to core/target/pg-binaries
 * give 16, 17 and 18. Stopped when the JVM exits.
 */
public final class PostgresServer {
  /** The majors the suite runs on: every one obtainable here. */
  public static final List<Integer> MAJORS = List.of(15, 16, 17, 18);
  /** Where the build copies the binaries artifacts (tests run from the repository root). */
  private static final Path ARTIFACTS = Path.of("core", "target", "pg-binaries");

  private static final Map<Integer, PostgresServer> STARTED = new HashMap<>();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final int major;
  private final int port;

  private PostgresServer(int major, int port) {
    this.major = major;
    this.port = port;
  }

  /** {@link #MAJORS}, as a parameter source: {@code @MethodSource("dev.lockstep.pg.PostgresServer#majors")}. */
  public static List<Integer> majors() {
    return MAJORS;
  }

  public int major() {
    return major;
  }

  public int port() {
    return port;
  }

  /**
   * The running server of that major. Where it cannot be started the test is skipped with the
   * reason, unless LOCKSTEP_REQUIRE_TOOLS=1 (as in .ci/run), where that is a failure.
   */
  public static synchronized PostgresServer of(int major) {
    PostgresServer server = STARTED.get(major);
    if (server != null) return server;
    String problem;
    try {
      Path bin = binaries(major);
      server = start(major, bin);
      STARTED.put(major, server);
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      problem = "PostgreSQL " + major + " cannot be started here: " + e.getMessage();
    }
    if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
    System.err.println("SKIPPED: " + problem);
    assumeTrue(false, problem);
    throw new IllegalStateException("unreachable");
  }

  /**
   * The binaries of that major, for a test that starts a server of its own (with other settings, or
   * a standby); skipped or failed as {@link #of} is when they cannot be had.
   */
  public static Path binariesOf(int major) {
    String problem;
    try {
      return binaries(major);
    } catch (IOException | InterruptedException | RuntimeException e) {
      problem = "PostgreSQL " + major + " binaries cannot be had here: " + e.getMessage();
    }
    if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
    System.err.println("SKIPPED: " + problem);
    assumeTrue(false, problem);
    throw new IllegalStateException("unreachable");
  }

  /** A new, empty database. */
  public String createDatabase() throws SQLException {
    String name = "t" + DATABASES.incrementAndGet();
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?preferQueryMode=simple", "postgres", "");
  }

  private static Path binaries(int major) throws IOException, InterruptedException {
    if (major == 15) {
      Path debian = Path.of("/usr/lib/postgresql/15/bin");
      if (!Files.isExecutable(debian.resolve("postgres"))) {
        throw new IOException("Debian's postgresql package is not installed (" + debian + ")");
      }
      return debian;
    }
    return EmbeddedPostgres.unpackedBinaries(ARTIFACTS, major);
  }

  private static PostgresServer start(int major, Path bin) throws IOException, InterruptedException {
    EmbeddedPostgres server = EmbeddedPostgres.start(bin);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterExit(server.dir(), bin)));
    // A second tablespace, for fixtures that move a table (SET TABLESPACE fast_ssd).
    Path tablespace = server.dir().resolve("fast_ssd");
    server.asServerUser(List.of("mkdir", tablespace.toString()));
    PostgresServer started = new PostgresServer(major, server.port());
    try (Connection c = started.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLESPACE fast_ssd LOCATION '" + tablespace + "'");
    } catch (SQLException e) {
      throw new IOException("cannot create the test tablespace: " + e.getMessage(), e);
    }
    return started;
  }

  /**
   * Stops the server and deletes its folder in a process the JVM does not wait for: after a suite has
   * made hundreds of databases, deleting them takes longer than the test runner lets a JVM take to exit.
   */
  private static void stopAfterExit(Path dir, Path bin) {
    String asServerUser = "root".equals(System.getProperty("user.name")) ? "runuser -u postgres -- " : "";
    try {
      new ProcessBuilder("sh", "-c", asServerUser + "\"$2/pg_ctl\" -D \"$1/data\" -m immediate stop; rm -rf \"$1\"",
          "sh", dir.toString(), bin.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      // a server left running in a temporary folder ends with the machine
    }
  }
}
