package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.pg.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trace under attack, on a real PostgreSQL: passwords that need decoding are used as libpq would and
 * never printed, addresses that do not parse are errors, statements that reach beyond the database
 * are refused before anything runs, the scratch copy and the embedded server go away on every exit.
 */
class TraceSafetyTest {
  static EmbeddedPostgres server;
  static final String PASSWORD = "pa/ss+w@rd#1";
  static final String ENCODED = "pa%2Fss+w%40rd%231";

  @TempDir
  Path dir;

  @BeforeAll
  static void server() throws Exception {
    try {
      server = EmbeddedPostgres.start(EmbeddedPostgres.findBinaries());
    } catch (IOException e) {
      String problem = "no PostgreSQL server to trace on: " + e.getMessage();
      if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(problem);
      assumeTrue(false, problem);
    }
    // role "app" logs in with a password over TCP; everyone else keeps trust
    sql("postgres", "CREATE ROLE app LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
    Path hba = server.dir().resolve("data").resolve("pg_hba.conf");
    String rules = Files.readString(hba);
    Files.writeString(hba, "host all app 127.0.0.1/32 scram-sha-256\n" + rules);
    server.asServerUser(List.of(EmbeddedPostgres.findBinaries().resolve("pg_ctl").toString(), "-D",
        server.dir().resolve("data").toString(), "reload"));
    Thread.sleep(500);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static void sql(String database, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(database)); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  static List<String> query(String database, String select) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(database)); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(select)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  String newDatabase() throws Exception {
    String name = "safety_" + Long.toHexString(System.nanoTime());
    sql("postgres", "CREATE DATABASE " + name + " OWNER app");
    return name;
  }

  Path migration(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  String url(String password, String database) {
    return "postgresql://app:" + password + "@127.0.0.1:" + server.port() + "/" + database;
  }

  // ---- item 3 and 4: addresses read as libpq reads them, passwords never shown

  @Test
  void aPasswordWithSlashPlusAtAndHashConnectsWhenEncodedAndIsNeverPrinted() throws Exception {
    Path file = migration("V1__t.sql", "CREATE TABLE t (id int);\n");
    CliRunner.Result ok = CliRunner.run("trace", "--database-url", url(ENCODED, newDatabase()), "--format", "gcc",
        file.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("V1__t.sql:1:1: note: took ACCESS EXCLUSIVE on t");
    // a wrong password with the same characters: refused by the server, and printed nowhere
    CliRunner.Result wrong = CliRunner.run("trace", "--database-url", url("wr%2Fong+pw", newDatabase()), file.toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).startsWith("lockstep: postgresql://app@127.0.0.1:" + server.port() + "/")
        .contains("password authentication failed for user \"app\"");
    assertThat(wrong.out() + wrong.err()).doesNotContain("wr/ong", "wr%2Fong", "ong+pw");
  }

  @Test
  void theKeywordFormAndThePasswordFileAreReadAsLibpqReadsThem() throws Exception {
    String database = newDatabase();
    Path pgpass = dir.resolve("pgpass");
    Files.writeString(pgpass, "# scratch servers\n127.0.0.1:" + server.port() + ":*:app:" + PASSWORD + "\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    Path file = migration("V1__t.sql", "CREATE TABLE t (id int);\n");
    String address = "host=127.0.0.1 port=" + server.port() + " user=app dbname=" + database + " passfile=" + pgpass;
    CliRunner.Result r = CliRunner.run("trace", "--database-url", address, "--format", "gcc", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // a password file others can read is ignored, as libpq does, and said so
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
    CliRunner.Result open = CliRunner.run("trace", "--database-url", address, file.toString());
    assertThat(open.code()).isEqualTo(2);
    assertThat(open.err()).startsWith("lockstep: password file " + pgpass + " has group or world access and is ignored; "
        + "permissions should be u=rw (0600) or less\n");
    assertThat(r.out() + r.err() + open.out() + open.err()).doesNotContain("pa/ss");
  }

  @Test
  void anAddressThatDoesNotParseIsAnErrorNamingThePartNeverLocalhost() throws Exception {
    Path file = migration("V1__t.sql", "CREATE TABLE t (id int);\n");
    CliRunner.Result port = CliRunner.run("trace", "--database-url", "postgresql://app:" + ENCODED + "@127.0.0.1:543x1/db",
        file.toString());
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).startsWith("lockstep: --database-url: port '543x1' is not a number from 1 to 65535\n");
    CliRunner.Result at = CliRunner.run("trace", "--database-url", "postgresql://app:pa@ss@127.0.0.1/db", file.toString());
    assertThat(at.err()).startsWith("lockstep: --database-url: the URL has an '@' after its user part: an '@', '/' or "
        + "'?' in a user name or password must be percent-encoded (%40, %2F, %3F)\n");
    CliRunner.Result hash = CliRunner.run("trace", "--database-url", "postgresql://app:pa#ss@127.0.0.1/db", file.toString());
    assertThat(hash.err()).startsWith("lockstep: --database-url: the URL holds an unescaped '#' (in a password, write "
        + "it as %23)\n");
    // a host with '_' is a host (docker-compose names services so): tried, and named when it cannot be reached
    CliRunner.Result underscore = CliRunner.run("trace", "--database-url", "postgresql://app:" + ENCODED
        + "@pg_host.invalid:5432/db?connect_timeout=2", file.toString());
    assertThat(underscore.code()).isEqualTo(2);
    assertThat(underscore.err()).startsWith("lockstep: postgresql://app@pg_host.invalid:5432/db: ");
    for (CliRunner.Result r : List.of(port, at, hash, underscore)) {
      assertThat(r.out() + r.err()).doesNotContain("pa/ss", "w@rd", "localhost", "pa@ss", "pa#ss");
    }
  }

  // ---- item 6: statements with effects outside the database

  @Test
  void statementsThatChangeTheServerAreRefusedBeforeAnythingRuns() throws Exception {
    Path flag = dir.resolve("ran");
    Path file = migration("V1__server.sql", "CREATE TABLE t (id int);\n"
        + "CREATE ROLE lockstep_intruder;\n"
        + "CREATE DATABASE lockstep_other;\n"
        + "ALTER SYSTEM SET work_mem = '1GB';\n"
        + "COPY (SELECT 1) TO PROGRAM 'touch " + flag + "';\n"
        + "DO $$ BEGIN CREATE ROLE lockstep_in_do; END $$;\n"
        + "SELECT pg_read_file('/etc/passwd');\n"
        + "GRANT CONNECT ON DATABASE postgres TO PUBLIC;\n"
        + "CREATE TABLESPACE elsewhere LOCATION '/tmp';\n");
    String database = newDatabase();
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(ENCODED, database), "--format", "gcc", file.toString());
    assertThat(r.code()).isEqualTo(2);
    String tail = "; a scratch copy of the database does not undo that (--embedded does) (pass --allow-server-changes "
        + "to trace it anyway) [input-error]\n";
    String outside = "; neither a scratch copy nor a throwaway server contains that (pass --allow-server-changes "
        + "to trace it anyway) [input-error]\n";
    assertThat(r.out()).isEqualTo(
        file + ":1:1: error: line 2: not traced: CREATE ROLE creates a role, which belongs to the whole server" + tail
        + file + ":1:1: error: line 3: not traced: CREATE DATABASE creates a database next to the one traced" + tail
        + file + ":1:1: error: line 4: not traced: ALTER SYSTEM writes the server's configuration (postgresql.auto.conf)" + tail
        + file + ":1:1: error: line 5: not traced: COPY ... TO PROGRAM runs a program on the server" + outside
        + file + ":1:1: error: line 6: not traced: CREATE ROLE creates a role, which belongs to the whole server" + tail
        + file + ":1:1: error: line 7: not traced: pg_read_file() reads the server's files" + outside
        + file + ":1:1: error: line 8: not traced: GRANT/REVOKE on a database changes what belongs to the whole server" + tail
        + file + ":1:1: error: line 9: not traced: CREATE TABLESPACE creates a folder on the server for the whole server"
        + outside);
    assertThat(flag).doesNotExist();
    assertThat(query("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'lockstep_%'")).isEmpty();
    assertThat(query("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'lockstep_%'")).isEmpty();
    assertThat(query(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @Test
  void aServerChangeTheParseTreeCannotShowIsFoundAfterwards() throws Exception {
    Path file = migration("V1__dynamic.sql", "DO $$ BEGIN EXECUTE 'CREATE ROLE lockstep_' || 'dynamic'; END $$;\n");
    String url = "postgresql://postgres@127.0.0.1:" + server.port() + "/" + newDatabase();
    try {
      CliRunner.Result r = CliRunner.run("trace", "--database-url", url, "--format", "gcc", file.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEqualTo(file + ":1:1: error: the migrations changed the server outside the database, "
          + "which no scratch copy undoes (undo it by hand, or pass --allow-server-changes): role lockstep_dynamic "
          + "(f,t,f,f,f,f,f,-1) added [input-error]\n"
          + file + ":1:1: note: took no new table locks [trace]\n");
    } finally {
      sql("postgres", "DROP ROLE IF EXISTS lockstep_dynamic");
    }
  }

  @Test
  void aThrowawayServerTakesServerWideChangesButNotTheHostsPrograms() throws Exception {
    Path roles = migration("roles.sql", "CREATE ROLE reader;\nALTER SYSTEM SET work_mem = '8MB';\n");
    CliRunner.Result traced = CliRunner.run("trace", "--embedded", "--framework", "plain", "--format", "gcc",
        roles.toString());
    assertThat(traced.code()).as(traced.out() + traced.err()).isZero();
    assertThat(traced.out()).isEqualTo(roles + ":1:1: note: took no new table locks [trace]\n"
        + roles + ":2:1: note: ran outside a transaction block for N ms; locks seen by sampling: none [trace]\n"
        .replace("N ms", traced.out().replaceAll("(?s).*block for (\\d+) ms.*", "$1") + " ms"));
    Path program = migration("V2__program.sql", "COPY (SELECT 1) TO PROGRAM 'true';\n");
    CliRunner.Result refused = CliRunner.run("trace", "--embedded", "--format", "gcc", program.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.out()).isEqualTo(program + ":1:1: error: line 1: not traced: COPY ... TO PROGRAM runs a program on "
        + "the server; neither a scratch copy nor a throwaway server contains that (pass --allow-server-changes to "
        + "trace it anyway) [input-error]\n");
  }

  @Test
  void allowServerChangesTracesThem() throws Exception {
    Path file = migration("V1__role.sql", "CREATE ROLE lockstep_allowed;\n");
    String url = "postgresql://postgres@127.0.0.1:" + server.port() + "/" + newDatabase();
    try {
      CliRunner.Result r = CliRunner.run("trace", "--database-url", url, "--allow-server-changes", "--format", "gcc",
          file.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo(file + ":1:1: note: took no new table locks [trace]\n");
    } finally {
      sql("postgres", "DROP ROLE IF EXISTS lockstep_allowed");
    }
  }

  @Test
  void rowLevelSecurityDoesNotHideRowsFromTheEmptyDatabaseCheck() throws Exception {
    String database = newDatabase();
    // the table's owner, app, is subject to its policy (FORCE): a plain SELECT sees no rows
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database,
        "app", PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE secrets (id int)");
      s.execute("INSERT INTO secrets VALUES (1)");
      s.execute("ALTER TABLE secrets ENABLE ROW LEVEL SECURITY");
      s.execute("ALTER TABLE secrets FORCE ROW LEVEL SECURITY");
      s.execute("CREATE POLICY nothing ON secrets USING (false)");
    }
    Path file = migration("V2__t.sql", "CREATE TABLE t (id int);\n");
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(ENCODED, database), file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lockstep: postgresql://app@127.0.0.1:" + server.port() + "/" + database
        + ": secrets cannot be shown to be empty (query would be affected by row-level security policy for table "
        + "\"secrets\"): trace runs against scratch databases only (pass --allow-nonempty to trace anyway)\n");
  }

  @Test
  void copyFromStdinWithInlineDataAndAnUnpopulatedMaterializedViewAreTraced() throws Exception {
    Path data = migration("data.sql", "CREATE TABLE t (id int, name text);\n"
        + "COPY t (id, name) FROM stdin;\n1\tone\n2\ttwo\n\\.\n"
        + "CREATE MATERIALIZED VIEW tv AS SELECT id FROM t WITH NO DATA;\n");
    Path index = migration("index.sql", "CREATE INDEX tv_id ON tv (id);\n");
    String database = newDatabase();
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(ENCODED, database), "--commit", "--framework", "plain",
        "--format", "gcc", data.toString(), index.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(TraceCommandTest.steady(r.out())).isEqualTo(
        data + ":1:1: note: took ACCESS EXCLUSIVE on t, held N ms until its transaction ended [trace]\n"
        + data + ":2:1: note: took ROW EXCLUSIVE on t, held N ms until its transaction ended [trace]\n"
        + data + ":6:1: note: took ACCESS SHARE on t, ACCESS EXCLUSIVE on tv, held N ms until its transaction ended [trace]\n"
        + index + ":1:1: note: took SHARE on tv, ACCESS EXCLUSIVE on tv_id, held N ms until its transaction ended "
        + "[trace]\n");
    assertThat(query(database, "SELECT name FROM t ORDER BY id")).containsExactly("one", "two");
    // a database whose only relations are an empty table and an unpopulated view counts as empty
    String empty = newDatabase();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + empty, "app",
        PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE e (id int); CREATE MATERIALIZED VIEW ev AS SELECT id FROM e WITH NO DATA");
    }
    CliRunner.Result traced = CliRunner.run("trace", "--database-url", url(ENCODED, empty), "--format", "gcc",
        index.toString().replace("index.sql", "data.sql"));
    assertThat(traced.code()).as(traced.out() + traced.err()).isZero();
  }

  // ---- item 5: the scratch copy and the embedded server go away on every exit

  @Test
  void theScratchCopyIsDroppedWhenTheMigrationEndsTheOtherSessions() throws Exception {
    Path file = migration("V1__kill.sql", "CREATE TABLE t (id int);\n"
        + "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
        + "AND datname IS NOT NULL AND usename = 'app';\n"
        + "CREATE TABLE u (id int);\n");
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(ENCODED, newDatabase()), "--allow-server-changes",
        file.toString());
    assertThat(r.out() + r.err()).doesNotContain("pa/ss");
    assertThat(query("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'lockstep_trace_%'")).isEmpty();
  }

  /** A trace in a JVM of its own, its stderr collected as it comes. */
  static final class Child {
    final Process process;
    final StringBuffer err = new StringBuffer();

    Child(Path tmp, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Thread reader = new Thread(() -> {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(),
            StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) err.append(line).append('\n');
        } catch (IOException ignored) {
          // the process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
    }
  }

  static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.call()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(100);
    }
  }

  @Test
  void aFileWithASyntaxErrorIsNotTracedInPart() throws Exception {
    Path file = migration("V1__broken.sql", "CREATE TABLE t (id int);\nCREATE TABLE (;\nCREATE TABLE u (id int);\n");
    String database = newDatabase();
    CliRunner.Result r = CliRunner.run("trace", "--database-url", url(ENCODED, database), "--commit", "--format", "gcc",
        file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(file + ":1:1: error: line 2: not traced: syntax error at or near \"(\"; nothing in "
        + "the file was run [input-error]\n");
    assertThat(query(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).isEmpty();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"TERM", "INT"})
  void aSignalDropsTheScratchCopy(String signal) throws Exception {
    Path file = migration("V1__slow.sql", "CREATE TABLE t (id int);\nSELECT pg_sleep(60);\n");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Child child = new Child(tmp, "trace", "--database-url", url(ENCODED, newDatabase()), file.toString());
    await("the migration to run", () -> !query("postgres", "SELECT pid FROM pg_stat_activity WHERE query LIKE "
        + "'SELECT pg_sleep(60)%' AND datname LIKE 'lockstep_trace_%'").isEmpty());
    new ProcessBuilder("kill", "-" + signal, String.valueOf(child.process.pid())).start().waitFor();
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(query("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'lockstep_trace_%'")).isEmpty();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"TERM", "INT"})
  void theEmbeddedServerListensOnlyOnAPrivateSocketAndIsRemovedOnSignals(String signal) throws Exception {
    Path file = migration("V1__slow.sql", "CREATE TABLE t (id int);\nSELECT pg_sleep(60);\n");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    // under root the server runs as the postgres user, who must be able to reach its folder
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Child child = new Child(tmp, "trace", "--embedded", file.toString());
    await("the embedded server", () -> child.err.toString().contains("tracing on a throwaway"));
    Path serverDir;
    try (Stream<Path> found = Files.list(tmp)) {
      serverDir = found.filter(p -> p.getFileName().toString().startsWith("lockstep-pg-")).findFirst().orElseThrow();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverDir))).isEqualTo("rwx------");
    List<String> pid = Files.readAllLines(serverDir.resolve("data").resolve("postmaster.pid"));
    assertThat(pid.get(4)).as("socket folder").isEqualTo(serverDir.toString());
    assertThat(pid.get(5)).as("listen_addresses: no TCP").isEmpty();
    long postmaster = Long.parseLong(pid.get(0).strip());
    new ProcessBuilder("kill", "-" + signal, String.valueOf(child.process.pid())).start().waitFor();
    assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    await("the server to stop", () -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
    assertThat(serverDir).doesNotExist();
  }
}
