package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Permission errors as a user meets them: lockstep runs as the unprivileged OS user postgres
 * (which .ci/run's PostgreSQL package creates) on files and folders owned by root. Root itself can
 * read and write everything, so these cases need a second user.
 */
class FileAccessIT {
  Path dir;

  @BeforeEach
  void folderOwnedByRoot() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean postgres = new Shell(Path.of(".")).run("id", "-u", "postgres").exit() == 0;
    String why = "needs to run as root with an OS user postgres (.ci/run installs PostgreSQL)";
    if (!(root && postgres) && "1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(why);
    if (!(root && postgres)) System.err.println("SKIPPED: " + why);
    assumeTrue(root && postgres, why);
    Shell.requireTool("runuser", "Debian package util-linux");
    dir = Files.createTempDirectory("lockstep-access");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (dir == null) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        Files.delete(p);
      }
    }
  }

  private Shell.Result asPostgres(String... args) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", javaBin, "-jar", Shell.JAR.toString()));
    command.addAll(List.of(args));
    return new Shell(dir).run(command.toArray(String[]::new));
  }

  private Path write(String name, String text, String permissions) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void fixInAFolderItCannotWriteSaysSoAndLeavesTheFileAsItWas() throws Exception {
    String sql = "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n";
    Path file = write("sql/index.sql", sql, "rw-r--r--");
    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));

    Shell.Result r = asPostgres("fix", file.toString());

    assertThat(r.exit()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).isEqualTo(file + ": not fixed, the file is unchanged: permission denied\n");
    assertThat(Files.readString(file)).isEqualTo(sql);
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void anUnreadableFileIsReportedAndTheOthersAreChecked() throws Exception {
    Path secret = write("migrations/V1__secret.sql", "SELECT 1;\n", "---------");
    Path bad = write("migrations/V2__index.sql", "SET lock_timeout = '2s';\nCREATE INDEX a_y_idx ON a (y);\n", "rw-r--r--");

    Shell.Result r = asPostgres("lint", "--format", "gcc", dir.resolve("migrations").toString());

    assertThat(r.exit()).as(r.output()).isEqualTo(2);
    // V2's history starts with the unreadable V1: V2 is then judged alone, and the report says so
    assertThat(r.output()).isEqualTo(secret + ":1:1: error: permission denied [input-error]\n"
        + secret + ":1:1: error: earlier migration: permission denied; verdicts for " + bad
        + " fall back to the file alone [input-error]\n"
        + bad + ":2:1: error: CREATE INDEX on a takes a SHARE lock for the whole build: INSERT, UPDATE and DELETE"
        + " on a wait until it finishes [require-concurrent-index]\n");
  }
}
