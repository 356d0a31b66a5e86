package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real corpus files are recognised as the tool their project uses. */
class FrameworkDetectionTest {
  static final Path CORPUS = Path.of("corpus");

  static Framework detect(String corpusPath) throws Exception {
    Path p = CORPUS.resolve(corpusPath);
    return FrameworkDetector.detect(p, SourceFile.decode(corpusPath, Files.readAllBytes(p)).text()).framework();
  }

  @Test
  void oneSamplePerFramework() throws Exception {
    Map<String, Framework> samples = Map.ofEntries(
        Map.entry("flyway/MarquezProject__marquez/api/src/main/resources/marquez/db/migration/V10__drop_unique_constraint_on_job_name.sql", Framework.FLYWAY),
        Map.entry("flyway/MarquezProject__marquez/api/src/main/resources/marquez/db/migration/R__Datasets_view.sql", Framework.FLYWAY),
        Map.entry("liquibase/PandaYaY__ExTrack/db/Migrations/001_public/002_functions/003_upsert_product.sql", Framework.LIQUIBASE),
        Map.entry("goose/hatchet-dev__hatchet/cmd/hatchet-migrate/migrate/migrations/20240625180548_v0_34_0.sql", Framework.GOOSE),
        Map.entry("golang-migrate/goharbor__harbor/make/migrations/postgresql/0004_1.8.0_schema.up.sql", Framework.GOLANG_MIGRATE),
        Map.entry("prisma/langfuse__langfuse/packages/shared/prisma/migrations/20240611105521_llm_api_keys_custom_endpoints/migration.sql", Framework.PRISMA),
        Map.entry("sqitch/bcgov__cas-cif/schema/deploy/tables/revision_status.sql", Framework.SQITCH),
        Map.entry("ory-pop/ory__kratos/persistence/sql/migrations/sql/20241029153900000001_identities.autocommit.up.sql", Framework.POP),
        Map.entry("gotrue-pop/supabase__auth/migrations/00_init_auth_schema.up.sql", Framework.POP),
        Map.entry("hasura/Lucy-Family-Institute__pace-admin/hasura/migrations/1585690216244_alter_table_public_reviews_drop_column_reviewstate_abbrev/up.sql", Framework.HASURA),
        Map.entry("pg_dump/neondatabase__postgres-sample-dbs/pagila.sql", Framework.SCHEMA_DUMP),
        Map.entry("rails-structure/danbooru__danbooru/db/structure.sql", Framework.SCHEMA_DUMP),
        Map.entry("supabase/mckaywrigley__chatbot-ui/supabase/migrations/20240108234540_setup.sql", Framework.SUPABASE),
        Map.entry("drizzle/Dokploy__dokploy/apps/dokploy/drizzle/0055_next_serpent_society.sql", Framework.DRIZZLE),
        Map.entry("dbmate/supabase__postgres/migrations/db/migrations/20211115181400_update-auth-permissions.sql", Framework.DBMATE),
        Map.entry("plain-versioned/temporalio__temporal/schema/postgresql/v12/temporal/schema.sql", Framework.PLAIN));
    for (var e : samples.entrySet()) assertThat(detect(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
  }
}
