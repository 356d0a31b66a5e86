package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history that cannot be put in order or read: one located error per problem naming the files
 * judged alone because of it, exit 2 (never clean), and the files still linted.
 */
class HistoryProblemsTest {
  @TempDir
  Path dir;

  private Path write(String relative, String text) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void twoFlywayFilesWithOneVersion() throws Exception {
    write("db/V1__a.sql", "CREATE TABLE a (id int);\n");
    write("db/V1.0__b.sql", "SELECT 1;\n");
    Path v2 = write("db/V2__c.sql", "SET lock_timeout = '1s';\nSELECT 1;\n");
    CliRunner.Result run = CliRunner.run("lint", "--format", "gcc", v2.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEqualTo(dir.resolve("db/V1__a.sql") + ":1:1: error: Flyway version 1 is also V1.0__b.sql: "
        + "Flyway refuses to migrate two migrations with one version; verdicts for " + v2 + " fall back to the file alone "
        + "[input-error]\n");
    assertThat(CliRunner.run("lint", "--no-history", v2.toString()).code()).isZero();
  }

  @Test
  void aDrizzleJournalThatNamesAMissingFileIsReportedOnceForAllItsFiles() throws Exception {
    Path journal = write("drizzle/meta/_journal.json", """
        {"entries":[
          {"idx":0,"when":1,"tag":"0000_a"},
          {"idx":1,"when":2,"tag":"0001_gone"},
          {"idx":2,"when":3,"tag":"0002_c"},
          {"idx":3,"when":4,"tag":"0003_d"}]}
        """);
    write("drizzle/0000_a.sql", "CREATE TABLE a (id int);\n");
    write("drizzle/0002_c.sql", "SET lock_timeout = '1s';\n--> statement-breakpoint\nSELECT 1;\n");
    write("drizzle/0003_d.sql", "SET lock_timeout = '1s';\n--> statement-breakpoint\nSELECT 2;\n");
    CliRunner.Result run = CliRunner.run("lint", "--format", "json", dir.resolve("drizzle").toString());
    assertThat(run.code()).isEqualTo(2);
    JsonNode errors = new ObjectMapper().readTree(run.out()).get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("path").asText()).isEqualTo(journal.toString());
    assertThat(errors.get(0).get("start").toString()).isEqualTo("{\"line\":3,\"column\":21}");
    assertThat(errors.get(0).get("message").asText()).isEqualTo("the journal names 0001_gone.sql, which does not exist: "
        + "Drizzle's migrator stops there; verdicts for " + dir.resolve("drizzle/0000_a.sql") + ", "
        + dir.resolve("drizzle/0002_c.sql") + ", " + dir.resolve("drizzle/0003_d.sql") + " fall back to the file alone");
    assertThat(new ObjectMapper().readTree(run.out()).get("files")).hasSize(3);
  }

  @Test
  void anEarlierMigrationThatIsNotUtf8() throws Exception {
    Files.createDirectories(dir.resolve("m"));
    Files.write(dir.resolve("m/1_a.up.sql"), new byte[] {'S', 'E', 'L', (byte) 0xff, ';', '\n'});
    Path b = write("m/2_b.up.sql", "SELECT 1;\n");
    CliRunner.Result run = CliRunner.run("lint", "--format", "gcc", b.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEqualTo(dir.resolve("m/1_a.up.sql") + ":1:1: error: earlier migration is not valid UTF-8: byte "
        + "0xFF at 1:4; verdicts for " + b + " fall back to the file alone [input-error]\n");
  }
}
