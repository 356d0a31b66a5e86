package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.frameworks.Framework;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real layouts of the corpus put in order: the first and last earlier migration of a late file, and the count. */
class CorpusHistoriesTest {
  private static final Path CORPUS = Path.of("corpus").toAbsolutePath();
  private final MigrationHistory history = new MigrationHistory(PendingMigrations.NONE);

  private List<String> earlier(String file, Framework tool) {
    Path path = CORPUS.resolve(file);
    MigrationHistory.History h = history.before(path, tool);
    assertThat(h.problems()).isEmpty();
    return h.earlier().stream().map(e -> path.getParent().relativize(e.migration().path()).toString()).toList();
  }

  @Test
  void flywayMarquezVersionsAsNumbers() {
    List<String> e = earlier("flyway/MarquezProject__marquez/api/src/main/resources/marquez/db/migration/V20__drop_lineage_pk.sql",
        Framework.FLYWAY);
    assertThat(e).hasSize(21).startsWith("V1__initial_schema.sql", "V2__add_job_contexts.sql",
        "V2.1__alter_job_versions_to_add_job_context_uuid.sql", "V3__drop_not_null_constraint_on_job_location.sql");
    assertThat(e).containsSubsequence("V17.1__unique_version_constraint.sql", "V17.2__open_lineage.sql",
        "V18__drop_dataset_constraint.sql", "V19__alter_run_to_add_external_id.sql");
    assertThat(e).doesNotContain("R__Datasets_view.sql").last().isEqualTo("V19__alter_run_to_add_external_id.sql");
  }

  @Test
  void flywayKestraUnderscoreVersions() {
    List<String> e = earlier("flyway/kestra-io__kestra/jdbc-postgres/src/main/resources/migrations/postgres/V1_12__execution_triggerid.sql",
        Framework.FLYWAY);
    assertThat(e).first().isEqualTo("V1_1__initial.sql");
    assertThat(e).last().isEqualTo("V1_10__multitenant_indices.sql");
    assertThat(e).hasSize(10);
  }

  @Test
  void liquibaseExTrackMasterChangelog() {
    List<String> e = earlier("liquibase/PandaYaY__ExTrack/db/Migrations/001_public/002_functions/001_create_user.sql",
        Framework.LIQUIBASE);
    assertThat(e).hasSize(14).startsWith("../001_tables/001_roles/001_table.sql",
        "../001_tables/001_roles/fill/001_fill_admin_user.sql").endsWith("../001_tables/008_check_products/002_indexes.sql");
  }

  @Test
  void drizzleDokployJournal() {
    List<String> e = earlier("drizzle/Dokploy__dokploy/apps/dokploy/drizzle/0004_nice_tenebrous.sql", Framework.DRIZZLE);
    assertThat(e).containsExactly("0000_reflective_puck.sql", "0001_striped_tattoo.sql", "0002_ambiguous_carlie_cooper.sql",
        "0003_square_lightspeed.sql");
  }

  @Test
  void sqitchCasCifPlanWithReworkedChanges() {
    MigrationHistory.History h = history.before(CORPUS.resolve(
        "sqitch/bcgov__cas-cif/schema/deploy/tables/project_status.sql"), Framework.SQITCH);
    assertThat(h.problems()).isEmpty();
    assertThat(h.earlier()).extracting(x -> x.migration().name()).startsWith("create_roles", "schemas/main", "schemas/private")
        .endsWith("tables/funding_stream", "tables/funding_stream_rfp");
    assertThat(h.earlier()).extracting(x -> x.migration().path().getFileName().toString())
        .contains("keycloak_jwt@1.0.0-rc.5.sql");
  }
}
