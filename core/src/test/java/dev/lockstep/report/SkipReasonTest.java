package dev.lockstep.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import org.junit.jupiter.api.Test;

/** Why a file was not linted is told in the report's language, the history table's name kept as it is. */
class SkipReasonTest {
  @Test
  void aDownMigrationAndAnAppliedOneAreToldInTheLanguage() {
    Catalog es = Catalog.of(Language.ES);
    Catalog pt = Catalog.of(Language.PT);
    assertThat(Localized.skipReason("down migration", es)).isEqualTo("migración down");
    assertThat(Localized.skipReason("already applied (flyway_schema_history)", es))
        .isEqualTo("ya aplicada (flyway_schema_history)");
    assertThat(Localized.skipReason("already applied (__drizzle_migrations)", pt)).isEqualTo("já aplicada (__drizzle_migrations)");
    assertThat(Localized.skipReason("already applied (flyway_schema_history)", Catalog.ENGLISH))
        .isEqualTo("already applied (flyway_schema_history)");
  }
}
