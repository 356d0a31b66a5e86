package dev.lockstep.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Flyway split that would wait for Flyway's lock transaction is refused with the setting that ends
 * it, written the way the project keeps its Flyway settings; once it is there, the split is written.
 */
class FlywayLockRefusalTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults());
  private static final String BODY = "ALTER TABLE orders ADD COLUMN note text;\n"
      + "CREATE INDEX orders_customer_idx ON orders (customer_id);\n";

  @TempDir
  Path dir;

  private SplitPlan split() throws Exception {
    Path file = dir.resolve("src/main/resources/db/migration/V2__orders.sql");
    Files.createDirectories(file.getParent());
    Files.writeString(file, BODY);
    MigrationScript script = MigrationScript.of(file, SourceFile.of(file.toString(), BODY), null, false);
    return Splitter.plan(file, script, LINTER.lint(script.source(), script.plan()));
  }

  private static String pom(String configuration) {
    return "<project><build><plugins><plugin><groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId>"
        + "<configuration>" + configuration + "</configuration></plugin></plugins></build></project>\n";
  }

  @Test
  void aMavenProjectIsToldWhatToAddToThePlugin() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), pom("<locations><location>classpath:db/migration</location></locations>"));
    assertThatThrownBy(this::split).isInstanceOf(SplitRefused.class).hasMessage("the new script's CONCURRENTLY statement "
        + "would wait forever for Flyway's own lock transaction; add <pluginConfiguration><postgresql.transactional.lock>false"
        + "</postgresql.transactional.lock></pluginConfiguration> to the configuration of flyway-maven-plugin in pom.xml "
        + "and split again");
    Files.writeString(dir.resolve("pom.xml"), pom("<pluginConfiguration><postgresql.transactional.lock>false"
        + "</postgresql.transactional.lock></pluginConfiguration>"));
    assertThat(split().files()).extracting(f -> f.path().getFileName().toString())
        .containsExactly("V2.1__orders_customer_idx_concurrently.sql.conf", "V2.1__orders_customer_idx_concurrently.sql");
  }

  @Test
  void aGradleProjectIsToldWhatToAddToItsFlywayBlock() throws Exception {
    Files.writeString(dir.resolve("build.gradle.kts"), "flyway {\n    url = \"jdbc:postgresql://localhost/app\"\n}\n");
    assertThatThrownBy(this::split).isInstanceOf(SplitRefused.class).hasMessage("the new script's CONCURRENTLY statement "
        + "would wait forever for Flyway's own lock transaction; add pluginConfiguration = "
        + "mapOf(\"postgresqlTransactionalLock\" to \"false\") to the configuration of flyway { } in build.gradle.kts "
        + "and split again");
  }

  @Test
  void aSpringBootProjectIsToldItsProperty() throws Exception {
    Path yml = dir.resolve("src/main/resources/application.yml");
    Files.createDirectories(yml.getParent());
    Files.writeString(yml, "spring:\n  flyway:\n    locations: classpath:db/migration\n");
    assertThatThrownBy(this::split).isInstanceOf(SplitRefused.class).hasMessage("the new script's CONCURRENTLY statement "
        + "would wait forever for Flyway's own lock transaction; set spring.flyway.postgresql.transactional-lock: false "
        + "in application.yml and split again");
  }
}
