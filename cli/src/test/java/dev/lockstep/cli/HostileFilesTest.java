package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that a planted link, a hard link or another user's file must not turn against the user:
 * nothing is written through a link it did not mean to follow, and what is rewritten keeps its
 * links, owner, group and permissions, or is refused with the reason.
 */
class HostileFilesTest {
  static final String BAD = "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n";
  static final String GOOD = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n";
  static final String PRECIOUS = "not lockstep's to touch\n";

  @TempDir
  Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private String[] names(Path folder) throws Exception {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void baselineDoesNotWriteThroughALinkPlantedAtItsOldTemporaryName() throws Exception {
    Path victim = write("victim.txt", PRECIOUS);
    Path migration = write("migrations/0001_idx.sql", BAD);
    Path baseline = dir.resolve(".lockstep-baseline.json");
    Files.createSymbolicLink(dir.resolve(".lockstep-baseline.json.tmp"), victim);
    CliRunner.Result r = CliRunner.run("baseline", "--file", baseline.toString(), migration.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
    assertThat(Files.readString(baseline)).contains("\"version\" : 1");
    assertThat(names(dir)).containsExactly(".lockstep-baseline.json", ".lockstep-baseline.json.tmp", "migrations", "victim.txt");
  }

  @Test
  void initDoesNotWriteThroughADanglingLink() throws Exception {
    write("migrations/0001_idx.sql", BAD);
    Path elsewhere = dir.resolve("elsewhere.toml");
    Path config = dir.resolve("lockstep.toml");
    Files.createSymbolicLink(config, elsewhere);
    CliRunner.Result r = CliRunner.run("init", "--output", config.toString(), dir.resolve("migrations").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(config + " exists; use --force to overwrite it");
    CliRunner.Result forced = CliRunner.run("init", "--force", "--output", config.toString(), dir.resolve("migrations").toString());
    assertThat(forced.code()).isEqualTo(2);
    assertThat(forced.err()).contains(config + " is a symbolic link to " + elsewhere + ", which does not exist; "
        + "not written through it");
    assertThat(elsewhere).doesNotExist();
  }

  @Test
  void initWritesANewFileWithoutFollowingAnything() throws Exception {
    write("migrations/0001_idx.sql", BAD);
    Path config = dir.resolve("lockstep.toml");
    CliRunner.Result r = CliRunner.run("init", "--output", config.toString(), dir.resolve("migrations").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(config)).contains("framework");
    assertThat(names(dir)).containsExactly("lockstep.toml", "migrations");
  }

  @Test
  void fixRewritesTheFileALinkPointsAtAndTheLinkStaysALink() throws Exception {
    Path real = write("shared/0001_idx.sql", BAD);
    Path link = dir.resolve("migrations/0001_idx.sql");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of("../shared/0001_idx.sql"));
    CliRunner.Result r = CliRunner.run("fix", link.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../shared/0001_idx.sql"));
    assertThat(Files.readString(real)).isEqualTo(GOOD);
    assertThat(names(real.getParent())).containsExactly("0001_idx.sql");
  }

  @Test
  void fixRefusesToSplitHardLinksAndSaysWhy() throws Exception {
    Path file = write("migrations/0001_idx.sql", BAD);
    Path other = dir.resolve("copy.sql");
    Files.createLink(other, file);
    CliRunner.Result r = CliRunner.run("fix", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(file + ": not fixed, the file is unchanged: " + file.toAbsolutePath()
        + " has 2 hard links: replacing it atomically would split them, so it was left unchanged (make it a single "
        + "file, or a symbolic link, to let lockstep write it)\n");
    assertThat(Files.readString(file)).isEqualTo(BAD);
    assertThat(Files.isSameFile(file, other)).isTrue();
  }

  @Test
  void fixKeepsTheOwnerGroupAndModeOfAnotherUsersFile() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file to another user; skipped");
    String user = "lockstep-owner";
    Process add = new ProcessBuilder("sh", "-c", "id -u " + user + " >/dev/null 2>&1 || useradd --no-create-home " + user)
        .inheritIO().start();
    assumeTrue(add.waitFor() == 0, "useradd is not available; skipped");
    Path file = write("migrations/0001_idx.sql", BAD);
    var lookup = file.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(file, lookup.lookupPrincipalByName(user));
    Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
        .setGroup(lookup.lookupPrincipalByGroupName(user));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    CliRunner.Result r = CliRunner.run("fix", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo(GOOD);
    PosixFileAttributes after = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    assertThat(after.owner().getName()).isEqualTo(user);
    assertThat(after.group().getName()).isEqualTo(user);
    assertThat(PosixFilePermissions.toString(after.permissions())).isEqualTo("rw-rw----");
  }

  @Test
  void aReportDoesNotWriteThroughALinkAtAPredictableTemporaryName() throws Exception {
    Path victim = write("victim.txt", PRECIOUS);
    Path migration = write("migrations/0001_idx.sql", BAD);
    Path report = dir.resolve("out.json");
    for (String guess : new String[] {"out.json.tmp", ".out.json.tmp"}) Files.createSymbolicLink(dir.resolve(guess), victim);
    CliRunner.Result r = CliRunner.run("lint", "--output", "json=" + report, migration.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
    assertThat(Files.readString(report)).contains("require-concurrent-index");
  }

  @Test
  void fixKeepsEachLinesOwnEndingInAMixedFile() throws Exception {
    Path file = dir.resolve("0001_mixed.sql");
    Files.writeString(file, "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\r\nSELECT 1;\n");
    CliRunner.Result r = CliRunner.run("fix", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo(
        "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\r\nSELECT 1;\n");
  }

  @Test
  void fixWritesInsertedLinesWithTheEndingOfTheLineTheyLandOn() throws Exception {
    Path cr = dir.resolve("0001_cr.sql");
    Files.writeString(cr, "CREATE INDEX orders_user_idx ON orders (user_id);\rSELECT 1;\r");
    assertThat(CliRunner.run("fix", "--unsafe-fixes", cr.toString()).code()).isZero();
    assertThat(Files.readString(cr)).isEqualTo(
        "SET lock_timeout = '2s';\rCREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\rSELECT 1;\r");
    Path mixed = dir.resolve("0002_mixed.sql");
    Files.writeString(mixed, "CREATE INDEX orders_user_idx ON orders (user_id);\r\nSELECT 1;\nSELECT 2;\n");
    assertThat(CliRunner.run("fix", "--unsafe-fixes", mixed.toString()).code()).isZero();
    assertThat(Files.readString(mixed)).isEqualTo(
        "SET lock_timeout = '2s';\r\nCREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\r\nSELECT 1;\nSELECT 2;\n");
  }
  @Test
  void aReportIsNotWrittenThroughALinkAnotherUserPlanted() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make a link another user owns; skipped");
    String user = "lockstep-owner";
    Process add = new ProcessBuilder("sh", "-c", "id -u " + user + " >/dev/null 2>&1 || useradd --no-create-home " + user)
        .inheritIO().start();
    assumeTrue(add.waitFor() == 0, "useradd is not available; skipped");
    Path victim = write("victim.txt", PRECIOUS);
    Path migration = write("migrations/0001_idx.sql", BAD);
    Path report = dir.resolve("out.json");
    Files.createSymbolicLink(report, victim);
    Files.getFileAttributeView(report, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setOwner(report.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
    CliRunner.Result r = CliRunner.run("lint", "--output", "json=" + report, migration.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(report + " is a symbolic link owned by " + user + ", not by this user or the folder's "
        + "owner; not written through it");
    assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
  }
}
