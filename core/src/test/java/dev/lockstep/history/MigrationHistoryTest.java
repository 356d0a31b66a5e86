package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.frameworks.Framework;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each tool's order of earlier migrations, applied versus pending, and histories that cannot be ordered. */
class MigrationHistoryTest {
  @TempDir
  Path dir;

  private Path file(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Path file(String relative) throws IOException {
    return file(relative, "SELECT 1;\n");
  }

  private static List<String> names(MigrationHistory.History h, Path base) {
    return h.earlier().stream().map(e -> base.relativize(e.migration().path()).toString().replace('\\', '/')).toList();
  }

  private static MigrationHistory.History before(Path file, Framework tool) {
    return new MigrationHistory(PendingMigrations.NONE).before(file, tool);
  }

  @Test
  void flywayComparesVersionsAsNumbersAcrossLocationsAndRunsRepeatablesLast() throws IOException {
    file("flyway.conf", "flyway.locations=filesystem:sql,filesystem:more\n");
    file("sql/V1__init.sql");
    file("sql/V1_10__ten.sql");
    file("sql/V1.2__two.sql");
    file("sql/sub/V1.9__nine.sql");
    file("more/V1.5__other_location.sql");
    file("sql/U1.2__undo.sql");
    file("sql/R__views.sql");
    file("sql/R__a_functions.sql");
    file("elsewhere/V1.3__not_a_location.sql");
    // names that are not migrations: no description, no version, a version Flyway rejects, another extension
    for (String name : List.of("V3__.sql", "V__x.sql", "V1.a__x.sql", "V.1__x.sql", "V4__x.SQL", "V5_x.sql", "v6__x.sql")) {
      file("sql/" + name);
    }
    Path v2 = file("sql/V2__two.sql");
    assertThat(names(before(v2, Framework.FLYWAY), dir)).containsExactly("sql/V1__init.sql", "sql/V1.2__two.sql",
        "more/V1.5__other_location.sql", "sql/sub/V1.9__nine.sql", "sql/V1_10__ten.sql");
    assertThat(names(before(dir.resolve("sql/R__views.sql"), Framework.FLYWAY), dir)).containsExactly(
        "sql/V1__init.sql", "sql/V1.2__two.sql", "more/V1.5__other_location.sql", "sql/sub/V1.9__nine.sql",
        "sql/V1_10__ten.sql", "sql/V2__two.sql", "sql/R__a_functions.sql");
  }

  @Test
  void flywayWithoutConfigurationUsesTheDbMigrationFolderThatHoldsTheFile() throws IOException {
    file("src/main/resources/db/migration/V1__a.sql");
    file("src/main/resources/db/migration/tables/V2__b.sql");
    file("src/main/resources/other/V2_5__not_searched.sql");
    Path v3 = file("src/main/resources/db/migration/V3__c.sql");
    assertThat(names(before(v3, Framework.FLYWAY), dir.resolve("src/main/resources/db/migration")))
        .containsExactly("V1__a.sql", "tables/V2__b.sql");
  }

  @Test
  void flywayOutsideAnyKnownLocationUsesTheFilesOwnFolderWithoutItsSubFolders() throws IOException {
    // a migration saved in a home or temporary folder: what lies below that folder is not its project
    file("scratch/V1__a.sql");
    file("scratch/checkouts/other/V1__someone_else.sql");
    Path v2 = file("scratch/V2__b.sql");
    MigrationHistory.History h = before(v2, Framework.FLYWAY);
    assertThat(h.problems()).isEmpty();
    assertThat(names(h, dir.resolve("scratch"))).containsExactly("V1__a.sql");
  }

  @Test
  void flywaySpringLocationsOnTheClasspath() throws IOException {
    file("src/main/resources/application.properties", "spring.flyway.locations=classpath:db/one,classpath:db/two\n");
    file("src/main/resources/db/one/V1__a.sql");
    file("src/main/resources/db/two/V2__b.sql");
    Path v3 = file("src/main/resources/db/one/V3__c.sql");
    assertThat(names(before(v3, Framework.FLYWAY), dir.resolve("src/main/resources/db")))
        .containsExactly("one/V1__a.sql", "two/V2__b.sql");
  }

  @Test
  void twoFlywayFilesWithOneVersionAreALocatedProblemAndNoHistory() throws IOException {
    file("db/V1__a.sql");
    file("db/V1.0__b.sql");
    Path v2 = file("db/V2__c.sql");
    MigrationHistory.History h = before(v2, Framework.FLYWAY);
    assertThat(h.earlier()).isEmpty();
    assertThat(h.problems()).extracting(HistoryProblem::describe).containsExactly(
        dir.resolve("db/V1__a.sql") + ":1:1: Flyway version 1 is also V1.0__b.sql: Flyway refuses to migrate two "
            + "migrations with one version");
  }

  @Test
  void liquibaseFollowsTheMasterChangelogIncludesAndIncludeAll() throws IOException {
    file("db/changelog/db.changelog-master.yaml", """
        databaseChangeLog:
          - include:
              file: tables/002_users.sql
              relativeToChangelogFile: true
          - include:
              file: db/changelog/tables/001_roles.sql
          - include:
              file: nested.xml
              relativeToChangelogFile: true
          - includeAll:
              path: later/
              relativeToChangelogFile: true
        """);
    file("db/changelog/nested.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <include file="tables/003_nested.sql" relativeToChangelogFile="true"/>
        </databaseChangeLog>
        """);
    file("db/changelog/tables/002_users.sql");
    file("db/changelog/tables/001_roles.sql");
    file("db/changelog/tables/003_nested.sql");
    file("db/changelog/later/b.sql");
    Path last = file("db/changelog/later/c.sql");
    file("db/changelog/later/a.sql");
    assertThat(names(before(last, Framework.LIQUIBASE), dir.resolve("db/changelog"))).containsExactly(
        "tables/002_users.sql", "tables/001_roles.sql", "tables/003_nested.sql", "later/a.sql", "later/b.sql");
  }

  @Test
  void liquibaseIncludeOfAMissingFileIsLocatedInTheChangelog() throws IOException {
    Path log = file("db/changelog.yaml", """
        databaseChangeLog:
          - include:
              file: 001_a.sql
          - include:
              file: 002_missing.sql
          - include:
              file: 003_c.sql
        """);
    file("db/001_a.sql");
    Path c = file("db/003_c.sql");
    assertThat(before(c, Framework.LIQUIBASE).problems()).extracting(HistoryProblem::describe).containsExactly(
        log + ":5:13: included file 002_missing.sql does not exist: Liquibase stops there");
  }

  @Test
  void liquibaseChangelogThatDoesNotParseIsLocated() throws IOException {
    Path log = file("db/changelog.xml", "<databaseChangeLog>\n  <include file=\"001_a.sql\">\n</databaseChangeLog>\n");
    Path a = file("db/001_a.sql");
    MigrationHistory.History h = before(a, Framework.LIQUIBASE);
    assertThat(h.earlier()).isEmpty();
    assertThat(h.problems()).hasSize(1);
    assertThat(h.problems().get(0).path()).isEqualTo(log);
    assertThat(h.problems().get(0).line()).isEqualTo(3);
    assertThat(h.problems().get(0).message().english()).startsWith("the changelog does not parse: ");
  }

  @Test
  void drizzleFollowsTheJournalsEntries() throws IOException {
    file("drizzle/meta/_journal.json", """
        {"version":"7","dialect":"postgresql","entries":[
          {"idx":0,"version":"7","when":1700000000000,"tag":"0000_init","breakpoints":true},
          {"idx":1,"version":"7","when":1700000000001,"tag":"0001_b","breakpoints":true},
          {"idx":2,"version":"7","when":1700000000002,"tag":"0002_c","breakpoints":true}]}
        """);
    file("drizzle/0000_init.sql");
    file("drizzle/0001_b.sql");
    file("drizzle/0001_not_in_journal.sql");
    Path c = file("drizzle/0002_c.sql");
    MigrationHistory.History h = before(c, Framework.DRIZZLE);
    assertThat(names(h, dir.resolve("drizzle"))).containsExactly("0000_init.sql", "0001_b.sql");
    assertThat(h.earlier().get(1).migration().historyKey()).isEqualTo("1700000000001");
  }

  @Test
  void drizzleJournalThatNamesAMissingFileIsLocatedAtTheEntry() throws IOException {
    Path journal = file("drizzle/meta/_journal.json", """
        {"entries":[
          {"idx":0,"when":1,"tag":"0000_init"},
          {"idx":1,"when":2,"tag":"0001_gone"},
          {"idx":2,"when":3,"tag":"0002_c"}]}
        """);
    file("drizzle/0000_init.sql");
    Path c = file("drizzle/0002_c.sql");
    assertThat(before(c, Framework.DRIZZLE).problems()).extracting(HistoryProblem::describe).containsExactly(
        journal + ":3:21: the journal names 0001_gone.sql, which does not exist: Drizzle's migrator stops there");
  }

  @Test
  void drizzleJournalThatIsNotJsonIsLocated() throws IOException {
    Path journal = file("drizzle/meta/_journal.json", "{\"entries\": [\n  {\"idx\": 0,, }\n]}\n");
    Path c = file("drizzle/0000_init.sql");
    MigrationHistory.History h = before(c, Framework.DRIZZLE);
    assertThat(h.problems()).hasSize(1);
    assertThat(h.problems().get(0).describe()).startsWith(journal + ":2:13: the journal is not valid JSON: ");
  }

  @Test
  void prismaRunsFoldersByName() throws IOException {
    file("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    file("prisma/migrations/20240102000000_b/migration.sql");
    file("prisma/migrations/20240101000000_a/migration.sql");
    file("prisma/migrations/20231231000000_empty/README.md");
    Path c = file("prisma/migrations/20240103000000_c/migration.sql");
    MigrationHistory.History h = before(c, Framework.PRISMA);
    assertThat(names(h, dir.resolve("prisma/migrations")))
        .containsExactly("20240101000000_a/migration.sql", "20240102000000_b/migration.sql");
    assertThat(h.earlier().get(0).migration().historyKey()).isEqualTo("20240101000000_a");
  }

  @Test
  void gooseOrdersVersionsAsNumbersAndRefusesDuplicates() throws IOException {
    file("migrations/10_ten.sql");
    file("migrations/2_two.sql");
    file("migrations/0001_one.sql");
    file("migrations/notes.txt");
    Path eleven = file("migrations/11_eleven.sql");
    assertThat(names(before(eleven, Framework.GOOSE), dir.resolve("migrations")))
        .containsExactly("0001_one.sql", "2_two.sql", "10_ten.sql");
    file("migrations/002_again.sql");
    assertThat(new MigrationHistory(PendingMigrations.NONE).before(eleven, Framework.GOOSE).problems())
        .extracting(HistoryProblem::describe).containsExactly(dir.resolve("migrations/2_two.sql")
            + ":1:1: version 2 is also 002_again.sql: the tool refuses to run two migrations with one version");
  }

  @Test
  void golangMigrateTakesUpFilesByVersionAndLeavesDownOut() throws IOException {
    file("m/1_init.up.sql");
    file("m/1_init.down.sql");
    file("m/20_b.up.sql");
    file("m/3_a.up.sql");
    Path last = file("m/100_c.up.sql");
    assertThat(names(before(last, Framework.GOLANG_MIGRATE), dir.resolve("m")))
        .containsExactly("1_init.up.sql", "3_a.up.sql", "20_b.up.sql");
  }

  @Test
  void popRunsTheDialectFileOfAVersionAndNeverAnotherDialects() throws IOException {
    file("m/20230101000000_a.up.sql");
    file("m/20230101000000_a.postgres.up.sql");
    file("m/20230101000000_a.mysql.up.sql");
    file("m/20230102000000_b.cockroach.up.sql");
    file("m/20230102000000_b.up.sql");
    Path c = file("m/20230103000000_c.up.sql");
    // detected per file as golang-migrate, but the folder is pop's
    assertThat(names(before(c, Framework.GOLANG_MIGRATE), dir.resolve("m")))
        .containsExactly("20230101000000_a.postgres.up.sql", "20230102000000_b.up.sql");
  }

  @Test
  void dbmateRunsFilesByName() throws IOException {
    file("db/migrations/20230101000000_a.sql");
    file("db/migrations/20230102000000_b.sql");
    Path c = file("db/migrations/20230103000000_c.sql");
    assertThat(names(before(c, Framework.DBMATE), dir.resolve("db/migrations")))
        .containsExactly("20230101000000_a.sql", "20230102000000_b.sql");
  }

  @Test
  void plainNumberedFilesByNameAndUnnumberedFilesAlone() throws IOException {
    file("sql/001_a.sql");
    file("sql/002_b.sql");
    file("sql/002_b.down.sql");
    file("sql/notes.sql");
    Path c = file("sql/003_c.sql");
    assertThat(names(before(c, Framework.PLAIN), dir.resolve("sql"))).containsExactly("001_a.sql", "002_b.sql");
    assertThat(before(dir.resolve("sql/notes.sql"), Framework.PLAIN)).isEqualTo(MigrationHistory.History.NONE);
  }

  @Test
  void sqitchFollowsThePlanWithReworkedChangesFromTheirTaggedScripts() throws IOException {
    file("schema/sqitch.plan", """
        %syntax-version=1.0.0
        %project=demo

        tables/users 2021-10-21T16:10:32Z A <a@example.org> # users
        functions/f 2021-10-21T16:10:32Z A <a@example.org> # a function
        @v1.0 2021-10-22T16:10:32Z A <a@example.org> # release
        tables/orders [tables/users] 2021-10-23T16:10:32Z A <a@example.org> # orders
        @v1.1 2021-10-24T16:10:32Z A <a@example.org> # release
        functions/f [functions/f@v1.1] 2021-10-25T16:10:32Z A <a@example.org> # reworked
        tables/last 2021-10-26T16:10:32Z A <a@example.org> # last
        """);
    file("schema/deploy/tables/users.sql");
    file("schema/deploy/functions/f.sql");
    file("schema/deploy/functions/f@v1.1.sql");
    file("schema/deploy/tables/orders.sql");
    file("schema/revert/tables/orders.sql");
    Path last = file("schema/deploy/tables/last.sql");
    assertThat(names(before(last, Framework.SQITCH), dir.resolve("schema/deploy"))).containsExactly(
        "tables/users.sql", "functions/f@v1.1.sql", "tables/orders.sql", "functions/f.sql");
  }

  @Test
  void sqitchChangeWithoutADeployScriptIsLocatedInThePlan() throws IOException {
    Path plan = file("schema/sqitch.plan", "%project=demo\n\na 2021-10-21T16:10:32Z A <a@example.org>\n"
        + "b 2021-10-21T16:10:32Z A <a@example.org>\n");
    Path b = file("schema/deploy/b.sql");
    assertThat(before(b, Framework.SQITCH).problems()).extracting(HistoryProblem::describe)
        .containsExactly(plan + ":3:1: change a has no deploy script deploy/a.sql");
  }

  @Test
  void changedFilesArePendingAndTheOthersApplied() throws IOException {
    Path a = file("m/1_a.up.sql");
    Path b = file("m/2_b.up.sql");
    Path c = file("m/3_c.up.sql");
    MigrationHistory history = new MigrationHistory(new PendingMigrations(null, Set.of(b), null));
    assertThat(history.before(c, Framework.GOLANG_MIGRATE).earlier()).extracting(MigrationHistory.Earlier::pending)
        .containsExactly(false, true);
    assertThat(history.before(c, Framework.GOLANG_MIGRATE).earlier().get(0).migration().path()).isEqualTo(a);
  }

  @Test
  void pendingFromAVersionOrAName() throws IOException {
    file("db/V1__a.sql");
    file("db/V1.5__b.sql");
    file("db/V2__c.sql");
    Path v3 = file("db/V3__d.sql");
    assertThat(new MigrationHistory(new PendingMigrations(null, null, "1.5")).before(v3, Framework.FLYWAY).earlier())
        .extracting(MigrationHistory.Earlier::pending).containsExactly(false, true, true);
    assertThat(new MigrationHistory(new PendingMigrations(null, null, "4")).before(v3, Framework.FLYWAY).earlier())
        .extracting(MigrationHistory.Earlier::pending).containsExactly(false, false, false);
    file("prisma/migrations/20240101000000_a/migration.sql");
    file("prisma/migrations/20240102000000_b/migration.sql");
    Path c = file("prisma/migrations/20240103000000_c/migration.sql");
    assertThat(new MigrationHistory(new PendingMigrations(null, null, "20240102000000_b")).before(c, Framework.PRISMA)
        .earlier()).extracting(MigrationHistory.Earlier::pending).containsExactly(false, true);
  }

  @Test
  void pendingFromANameThatIsNotInTheHistoryIsAProblem() throws IOException {
    file("sqitch.plan", "a 2021-10-21T16:10:32Z A <a@example.org>\nb 2021-10-21T16:10:32Z A <a@example.org>\n");
    file("deploy/a.sql");
    Path b = file("deploy/b.sql");
    MigrationHistory.History h = new MigrationHistory(new PendingMigrations(null, null, "zz")).before(b, Framework.SQITCH);
    assertThat(h.earlier()).isEmpty();
    assertThat(h.problems()).extracting(HistoryProblem::describe).containsExactly(b + ":1:1: pending-from 'zz' names no "
        + "migration of this history (by version or name): every earlier migration is treated as applied");
  }

  @Test
  void theDatabasesAppliedListWinsOverTheChangedFiles() throws IOException {
    Path a = file("m/1_a.up.sql");
    Path b = file("m/2_b.up.sql");
    Path c = file("m/3_c.up.sql");
    AppliedMigrations applied = (tool, m) -> m.historyKey().equals("1") ? Optional.of(false) : Optional.empty();
    MigrationHistory history = new MigrationHistory(new PendingMigrations(applied, Set.of(b), null));
    assertThat(history.before(c, Framework.GOLANG_MIGRATE).earlier()).extracting(MigrationHistory.Earlier::pending)
        .containsExactly(true, true);
    assertThat(a).exists();
  }

  @Test
  void aSnapshotsAppliedListMarksTheRestPending() throws IOException {
    file("db/V1__a.sql");
    file("db/V1_1__b.sql");
    file("db/V2__c.sql");
    file("db/R__views.sql");
    Path last = file("db/R__zz.sql");
    AppliedList applied = new AppliedList(List.of(new AppliedList.Entry("flyway", "1", "a"),
        new AppliedList.Entry("flyway", "1.1", "b"), new AppliedList.Entry("flyway", null, "views"),
        new AppliedList.Entry("goose", "2", null)));
    assertThat(new MigrationHistory(new PendingMigrations(applied, null, null)).before(last, Framework.FLYWAY).earlier())
        .extracting(MigrationHistory.Earlier::pending).containsExactly(false, false, true, false);
    // a tool the list does not mention: the next source decides (here none: applied)
    Path c = file("m/3_c.up.sql");
    file("m/1_a.up.sql");
    assertThat(new MigrationHistory(new PendingMigrations(applied, null, null)).before(c, Framework.GOLANG_MIGRATE)
        .earlier()).extracting(MigrationHistory.Earlier::pending).containsExactly(false);
  }

  @Test
  void toolsThatKeepOnlyTheirCurrentVersionAndLiquibaseFilesAreMatchedAsTheToolsRecordThem() {
    Migration two = new Migration(Path.of("/m/2_b.up.sql"), "2_b", "2", MigrationVersion.parse("2").orElseThrow());
    Migration three = new Migration(Path.of("/m/3_c.up.sql"), "3_c", "3", MigrationVersion.parse("3").orElseThrow());
    // golang-migrate's schema_migrations holds one row: the version it is at
    AppliedList current = new AppliedList(List.of(new AppliedList.Entry("golang-migrate", "2", null)));
    assertThat(current.applied(Framework.GOLANG_MIGRATE, two)).contains(true);
    assertThat(current.applied(Framework.GOLANG_MIGRATE, three)).contains(false);
    // databasechangelog's filename is the path the changelog included, the id and author follow it
    Migration changes = new Migration(Path.of("/db/changes/001_users.sql"), "changes/001_users.sql",
        "changes/001_users.sql", null);
    Migration later = new Migration(Path.of("/db/changes/002_orders.sql"), "changes/002_orders.sql",
        "changes/002_orders.sql", null);
    AppliedList liquibase = new AppliedList(List.of(
        new AppliedList.Entry("liquibase", "1", "db/changes/001_users.sql::1::dev")));
    assertThat(liquibase.applied(Framework.LIQUIBASE, changes)).contains(true);
    assertThat(liquibase.applied(Framework.LIQUIBASE, later)).contains(false);
  }

  @Test
  void flywayVersionsCompareLikeFlyway() {
    assertThat(MigrationVersion.parse("1.10").orElseThrow()).isGreaterThan(MigrationVersion.parse("1.9").orElseThrow());
    assertThat(MigrationVersion.parse("1_2").orElseThrow()).isEqualByComparingTo(MigrationVersion.parse("1.2").orElseThrow());
    assertThat(MigrationVersion.parse("1.0.0").orElseThrow()).isEqualByComparingTo(MigrationVersion.parse("1").orElseThrow());
    assertThat(MigrationVersion.parse("2.a")).isEmpty();
  }
}
