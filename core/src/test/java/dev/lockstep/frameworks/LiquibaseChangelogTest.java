package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.TransactionPlan.Mode;
import dev.lockstep.engine.TransactionPlan.Region;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master changelog decides which .sql files are Liquibase's and in which order, found as users
 * configure it; one that cannot be read gives a located note and leaves the files to their markers.
 */
class LiquibaseChangelogTest {
  private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n";
  private static final String CIC = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n";

  @TempDir
  Path tmp;
  Path dir;

  @BeforeEach
  void project() throws IOException {
    dir = Canonical.of(tmp);
    Files.createDirectories(dir.resolve(".git"));
  }

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private List<String> order(Path file) {
    LiquibaseChangelog log = LiquibaseChangelog.including(file);
    assertThat(log).isNotNull();
    assertThat(log.problems()).isEmpty();
    return log.entries().stream().map(e -> dir.relativize(e.file()).toString().replace('\\', '/')).toList();
  }

  private static MigrationScript script(Path file) throws IOException {
    return MigrationScript.of(file, SourceFile.of(file.toString(), Files.readString(file)), null, false);
  }

  @Test
  void xmlMasterFromLiquibasePropertiesOrdersIncludesIncludeAllAndSqlFiles() throws IOException {
    write("liquibase.properties", "changeLogFile=db/changelog/master.xml\nurl=jdbc:postgresql://db/app\n");
    write("db/changelog/master.xml", XML_HEAD
        + "  <include file=\"sql/001-raw.sql\" relativeToChangelogFile=\"true\"/>\n"
        + "  <includeAll path=\"more/\" relativeToChangelogFile=\"true\"/>\n"
        + "  <changeSet id=\"4\" author=\"ana\" runInTransaction=\"false\">\n"
        + "    <sqlFile path=\"db/changelog/sql/004-index.sql\" splitStatements=\"false\"/>\n"
        + "  </changeSet>\n"
        + "  <include file=\"db/changelog/sql/003-formatted.sql\"/>\n"
        + "</databaseChangeLog>\n");
    Path raw = write("db/changelog/sql/001-raw.sql", "CREATE TABLE a (id int);\n" + CIC);
    write("db/changelog/more/b.sql", "CREATE TABLE b (id int);\n");
    write("db/changelog/more/a.sql", "CREATE TABLE c (id int);\n");
    Path index = write("db/changelog/sql/004-index.sql", CIC);
    write("db/changelog/sql/003-formatted.sql", "--liquibase formatted sql\n--changeset ana:3\nCREATE TABLE d (id int);\n");
    assertThat(order(raw)).containsExactly("db/changelog/sql/001-raw.sql", "db/changelog/more/a.sql",
        "db/changelog/more/b.sql", "db/changelog/sql/004-index.sql", "db/changelog/sql/003-formatted.sql");

    MigrationScript included = script(raw);
    assertThat(included.framework()).isEqualTo(Framework.LIQUIBASE);
    assertThat(included.reason().english()).isEqualTo("master.xml runs it (liquibase.properties changeLogFile db/changelog/master.xml)");
    // a plain SQL file included as a changelog runs whole, in Liquibase's transaction
    assertThat(included.plan().regions()).containsExactly(new Region(0, Files.readString(raw).length(), Mode.WRAPPED));
    assertThat(lint(included)).containsExactly("ban-concurrently-in-transaction@2");
    // the sqlFile's changeset runs outside a transaction and sends the file in one call
    MigrationScript sqlFile = script(index);
    assertThat(sqlFile.plan().regions()).containsExactly(new Region(0, CIC.length(), Mode.ONE_CALL));
    assertThat(lint(sqlFile)).isEmpty();
  }

  @Test
  void yamlAndJsonMastersAndNestedChangelogs() throws IOException {
    write("db/changelog/db.changelog-master.yaml", """
        databaseChangeLog:
          - include:
              file: nested.json
              relativeToChangelogFile: true
          - changeSet:
              id: 2
              author: ana
              changes:
                - sqlFile:
                    path: sql/002-function.sql
                    relativeToChangelogFile: true
        """);
    write("db/changelog/nested.json", """
        {"databaseChangeLog": [{"include": {"file": "db/changelog/sql/001-table.sql"}}]}
        """);
    Path table = write("db/changelog/sql/001-table.sql", "CREATE TABLE a (id int);\n");
    Path function = write("db/changelog/sql/002-function.sql", """
        CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          IF x > 0 THEN
            RETURN 1;
          END IF;
          RETURN 0;
        END
        $$;
        """);
    assertThat(order(function)).containsExactly("db/changelog/sql/001-table.sql", "db/changelog/sql/002-function.sql");
    assertThat(script(table).reason().english()).isEqualTo("db.changelog-master.yaml runs it (the usual master changelog name "
        + "db.changelog-master.yaml)");
    // a sqlFile splits at ; by default: the function is cut, and the way out is in the changelog
    MigrationScript split = script(function);
    List<Finding> findings = new Linter(Rules.all(), LintOptions.defaults()).lint(split.source(), split.plan()).findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("ban-tool-split-statement");
    assertThat(findings.get(0).message()).contains("at line 5, inside its dollar-quoted body");
    assertThat(findings.get(0).fixes()).isEmpty();
    assertThat(findings.get(0).rewrite().explanation().template()).contains("splitStatements=\"false\" on the sqlFile");
  }

  @Test
  void springBootsDefaultMasterAndAFormattedSqlMaster() throws IOException {
    write("src/main/resources/db/changelog/db.changelog-master.yaml", """
        databaseChangeLog:
          - includeAll:
              path: classpath:/db/changelog/changes/
        """);
    Path change = write("src/main/resources/db/changelog/changes/001-a.sql", "CREATE TABLE a (id int);\n");
    assertThat(order(change)).containsExactly("src/main/resources/db/changelog/changes/001-a.sql");

    Path other = dir.resolve("other");
    write("other/liquibase.properties", "changelog-file: changelog.sql\n");
    Path master = write("other/changelog.sql", "--liquibase formatted sql\n--include file:more.sql\n--changeset a:1\nSELECT 1;\n");
    write("other/more.sql", "CREATE TABLE x (id int);\n");
    // Liquibase 4.33 reads --include in formatted SQL as a comment: the master runs its own changesets only
    LiquibaseChangelog log = LiquibaseChangelog.including(master);
    assertThat(log.entries()).extracting(LiquibaseChangelog.Entry::file).containsExactly(master);
    assertThat(LiquibaseChangelog.including(other.resolve("more.sql"))).isNull();
  }

  @Test
  void spring_liquibase_changeLogInApplicationProperties() throws IOException {
    write("src/main/resources/application.properties", "spring.liquibase.change-log=classpath:db/main.xml\n");
    write("src/main/resources/db/main.xml", XML_HEAD + "  <include file=\"db/one.sql\"/>\n</databaseChangeLog>\n");
    Path one = write("src/main/resources/db/one.sql", "CREATE TABLE a (id int);\n");
    assertThat(script(one).reason().english()).isEqualTo("main.xml runs it (application.properties spring.liquibase.change-log "
        + "classpath:db/main.xml)");
  }

  @Test
  void springLiquibaseChangeLogInApplicationYamlAndAnOptionalIncludeAll() throws IOException {
    write("src/main/resources/application.yml", "spring:\n  liquibase:\n    change-log: classpath:/db/main.yaml\n");
    write("src/main/resources/db/main.yaml", """
        databaseChangeLog:
          - includeAll:
              path: db/not-yet/
              errorIfMissingOrEmpty: false
          - include:
              file: db/one.sql
        """);
    Path one = write("src/main/resources/db/one.sql", "CREATE TABLE a (id int);\n");
    assertThat(script(one).reason().english()).isEqualTo("main.yaml runs it (application.yml spring.liquibase.change-log "
        + "classpath:/db/main.yaml)");
    assertThat(order(one)).containsExactly("src/main/resources/db/one.sql");
  }

  @Test
  void brokenXmlGivesALocatedNoteAndMarkersDecide() throws IOException {
    write("liquibase.properties", "changeLogFile=db/master.xml\n");
    Path master = write("db/master.xml", XML_HEAD + "  <include file=\"001-a.sql\" relativeToChangelogFile=\"true\">\n"
        + "</databaseChangeLog>\n");
    Path a = write("db/001-a.sql", CIC);
    FrameworkDetector.Detection d = FrameworkDetector.detect(a, CIC);
    assertThat(d.framework()).isEqualTo(Framework.PLAIN);
    assertThat(d.notes()).hasSize(1);
    assertThat(d.notes().get(0).english()).startsWith(master + ":4:3: the changelog does not parse: ")
        .endsWith("; files there are detected by their markers only").doesNotContain("\n");
  }

  @Test
  void brokenYamlGivesALocatedNote() throws IOException {
    Path master = write("db/changelog/db.changelog-master.yaml", "databaseChangeLog:\n  - include:\n      file: [a.sql\n");
    Path a = write("db/changelog/a.sql", "CREATE TABLE a (id int);\n");
    FrameworkDetector.Detection d = FrameworkDetector.detect(a, "CREATE TABLE a (id int);\n");
    assertThat(d.framework()).isEqualTo(Framework.PLAIN);
    assertThat(d.notes()).singleElement().asString()
        .matches(java.util.regex.Pattern.quote(master.toString()) + ":4:1: the changelog does not parse: .*; files there "
            + "are detected by their markers only");
  }

  @Test
  void includeOfAMissingFileGivesALocatedNote() throws IOException {
    Path master = write("db/changelog/db.changelog-master.xml", XML_HEAD
        + "  <include file=\"001-a.sql\" relativeToChangelogFile=\"true\"/>\n"
        + "  <include file=\"002-gone.sql\" relativeToChangelogFile=\"true\"/>\n"
        + "  <include file=\"003-c.sql\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n");
    write("db/changelog/001-a.sql", "CREATE TABLE a (id int);\n");
    Path c = write("db/changelog/003-c.sql", CIC);
    FrameworkDetector.Detection d = FrameworkDetector.detect(c, CIC);
    assertThat(d.framework()).isEqualTo(Framework.PLAIN);
    assertThat(d.notes()).extracting(Text::english).containsExactly(master + ":4:18: included file 002-gone.sql does not exist: Liquibase stops "
        + "there; files there are detected by their markers only");
    // a formatted SQL file keeps its marker's verdict, with the note
    String formatted = "--liquibase formatted sql\n--changeset a:1\n" + CIC;
    Files.writeString(c, formatted);
    FrameworkDetector.Detection marked = FrameworkDetector.detect(c, formatted);
    assertThat(marked.framework()).isEqualTo(Framework.LIQUIBASE);
  }

  @Test
  void aChangelogThatDoesNotRunTheFileLeavesItAlone() throws IOException {
    write("db/changelog/db.changelog-master.yaml", "databaseChangeLog:\n  - include:\n      file: db/changelog/a.sql\n");
    write("db/changelog/a.sql", "CREATE TABLE a (id int);\n");
    Path b = write("db/changelog/b.sql", "CREATE TABLE b (id int);\n");
    FrameworkDetector.Detection d = FrameworkDetector.detect(b, "CREATE TABLE b (id int);\n");
    assertThat(d.framework()).isEqualTo(Framework.PLAIN);
    assertThat(d.notes()).isEmpty();
  }

  @Test
  void anExpansionIsReadAgainWhenAChangelogOrAnIncludedFolderChanges() throws IOException {
    Path master = write("db/changelog/db.changelog-master.yaml",
        "databaseChangeLog:\n  - includeAll:\n      path: changes/\n      relativeToChangelogFile: true\n");
    Path a = write("db/changelog/changes/001-a.sql", "CREATE TABLE a (id int);\n");
    assertThat(order(a)).containsExactly("db/changelog/changes/001-a.sql");
    Path b = write("db/changelog/changes/002-b.sql", "CREATE TABLE b (id int);\n");
    Files.setLastModifiedTime(b.getParent(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertThat(order(a)).containsExactly("db/changelog/changes/001-a.sql", "db/changelog/changes/002-b.sql");
    Files.writeString(master, "databaseChangeLog:\n  - include:\n      file: [broken\n");
    Files.setLastModifiedTime(master, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertThat(LiquibaseChangelog.including(a).problems()).isNotEmpty();
  }

  private static List<String> lint(MigrationScript script) {
    return new Linter(Rules.all(), LintOptions.defaults()).lint(script.source(), script.plan()).findings().stream()
        .map(f -> f.ruleId() + "@" + f.start().line()).toList();
  }
}
