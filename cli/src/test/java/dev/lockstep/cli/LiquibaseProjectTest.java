package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Liquibase project's .sql files are Liquibase's when its master changelog runs them: lint says
 * so and why, init counts them the same way, and a master that cannot be read is one located note.
 */
class LiquibaseProjectTest {
  @TempDir
  Path dir;

  static final String CONCURRENT = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";
  static final String MASTER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
      + "  <include file=\"sql/001-index.sql\" relativeToChangelogFile=\"true\"/>\n"
      + "</databaseChangeLog>\n";

  Path write(String path, String text) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void theMasterChangelogNamedInLiquibasePropertiesMakesItsFilesLiquibases() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    write("liquibase.properties", "changeLogFile: db/master.xml\n");
    write("db/master.xml", MASTER);
    write("db/sql/001-index.sql", CONCURRENT);
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", "--explain-detection", dir.toString());
    assertThat(ProjectDetectionTest.verdicts(r.out())).isEqualTo(Map.of("001-index.sql",
        "liquibase (master.xml runs it (liquibase.properties changeLogFile db/master.xml)) [ban-concurrently-in-transaction@1]"));
    assertThat(r.err()).contains(dir.resolve("db/sql/001-index.sql")
        + ": liquibase, from master.xml runs it (liquibase.properties changeLogFile db/master.xml)");
    Path out = dir.resolve("lockstep.toml");
    CliRunner.Result init = CliRunner.run("init", "--output", out.toString(), dir.toString());
    assertThat(init.out()).isEqualTo("Wrote " + out + " (liquibase: 1 of 1 migration file)\n");
  }

  @Test
  void aMasterThatDoesNotParseIsOneLocatedNoteAndTheFilesFallBackToMarkers() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    write("liquibase.properties", "changeLogFile: db/master.xml\n");
    Path master = write("db/master.xml", MASTER.replace("\"true\"/>", "\"true\">"));
    write("db/sql/001-index.sql", CONCURRENT);
    write("db/sql/002-formatted.sql", "--liquibase formatted sql\n--changeset ana:2\n" + CONCURRENT);
    CliRunner.Result r = CliRunner.run("lint", "--format", "json", dir.toString());
    assertThat(r.err().lines().filter(l -> l.startsWith("note:")).toList()).singleElement().asString()
        .startsWith("note: " + master + ":4:3: the changelog does not parse: ")
        .endsWith("; files there are detected by their markers only");
    Map<String, String> v = ProjectDetectionTest.verdicts(r.out());
    assertThat(v.get("001-index.sql")).startsWith("plain ");
    assertThat(v.get("002-formatted.sql")).isEqualTo("liquibase ('--liquibase formatted sql' header) "
        + "[ban-concurrently-in-transaction@3]");
  }
}
