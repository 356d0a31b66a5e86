package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's Flyway settings, from each file Flyway and Spring Boot read, and Flyway's defaults when one is broken. */
class FlywaySettingsTest {
  @TempDir
  Path dir;

  private FlywaySettings settings(String configName, String text) throws Exception {
    Path script = dir.resolve("db/migration/V2__x.sql");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "SELECT 1;\n");
    Path config = dir.resolve(configName);
    Files.createDirectories(config.getParent());
    Files.writeString(config, text);
    return FlywaySettings.of(script, Map.of());
  }

  private FlywaySettings settings(Map<String, String> environment) {
    return FlywaySettings.of(dir.resolve("db/migration/V2__x.sql"), environment);
  }

  @Test
  void withoutAFileFlywaysDefaultsHold() throws Exception {
    Files.createDirectories(dir.resolve("db/migration"));
    FlywaySettings s = FlywaySettings.of(dir.resolve("db/migration/V2__x.sql"));
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isTrue();
    assertThat(s.problem()).isNull();
  }

  @Test
  void flywayConf() throws Exception {
    FlywaySettings s = settings("flyway.conf", "flyway.mixed=true\nflyway.postgresql.transactional.lock=false\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.source()).isEqualTo(dir.resolve("flyway.conf"));
  }

  @Test
  void flywayToml() throws Exception {
    FlywaySettings s = settings("flyway.toml", "[flyway]\nmixed = true\n\n[flyway.postgresql.transactional]\nlock = false\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
  }

  @Test
  void springBootProperties() throws Exception {
    FlywaySettings s = settings("src/main/resources/application.properties",
        "spring.flyway.postgresql.transactional-lock=false\n");
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isFalse();
  }

  @Test
  void aBrokenFileIsNamedAndFlywaysDefaultsHold() throws Exception {
    FlywaySettings s = settings("flyway.toml", "[flyway\nmixed = true\n");
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isTrue();
    assertThat(s.source()).isEqualTo(dir.resolve("flyway.toml"));
    assertThat(s.problem().english()).startsWith("cannot be parsed: ").contains("line 1");
  }

  @Test
  void theSettingsDecideHowTheScriptRuns() throws Exception {
    settings("flyway.conf", "flyway.mixed=true\n");
    Path script = dir.resolve("db/migration/V2__x.sql");
    MigrationScript m = MigrationScript.of(script, dev.lockstep.source.SourceFile.of(script.toString(), "SELECT 1;\n"), null, false);
    assertThat(m.plan().regions()).extracting(r -> r.mode()).containsExactly(dev.lockstep.engine.TransactionPlan.Mode.FLYWAY_AUTO);
    assertThat(m.plan().toolLockTransaction()).isTrue();
    assertThat(m.plan().tool()).isEqualTo(dev.lockstep.engine.TransactionPlan.Tool.FLYWAY);
  }

  private static final String POM_HEAD = "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
      + "  <modelVersion>4.0.0</modelVersion>\n";

  @Test
  void theMavenPluginsConfiguration() throws Exception {
    FlywaySettings s = settings("pom.xml", POM_HEAD + "  <build><plugins>\n"
        + "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>\n"
        + "      <configuration><mixed>false</mixed></configuration></plugin>\n"
        + "    <plugin><groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId>\n"
        + "      <configuration>\n"
        + "        <locations><location>filesystem:sql/main</location><location>classpath:db/extra</location></locations>\n"
        + "        <mixed>true</mixed>\n"
        + "        <pluginConfiguration><postgresql.transactional.lock>false</postgresql.transactional.lock></pluginConfiguration>\n"
        + "      </configuration></plugin>\n"
        + "  </plugins></build>\n</project>\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.locations()).containsExactly(dir.resolve("sql/main"), dir.resolve("src/main/resources/db/extra"));
    assertThat(s.source()).isEqualTo(dir.resolve("pom.xml"));
    assertThat(s.evidence().english()).isEqualTo("pom.xml");
    assertThat(s.notes()).isEmpty();
  }

  @Test
  void mavenPropertiesAndConfigFilesAreReadOverThePluginsConfiguration() throws Exception {
    Files.writeString(dir.resolve("flyway-ci.conf"), "flyway.postgresql.transactional.lock=false\n");
    FlywaySettings s = settings("pom.xml", POM_HEAD + "  <properties><flyway.mixed>true</flyway.mixed>"
        + "<migrations>filesystem:db/migration</migrations></properties>\n"
        + "  <build><plugins><plugin><artifactId>flyway-maven-plugin</artifactId>\n"
        + "    <configuration><mixed>false</mixed><locations>${migrations}</locations>\n"
        + "      <configFiles><configFile>flyway-ci.conf</configFile></configFiles></configuration>\n"
        + "  </plugin></plugins></build>\n</project>\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.locations()).containsExactly(dir.resolve("db/migration"));
  }

  @Test
  void aMavenValueLockstepCannotResolveIsANoteAndTheDefaultHolds() throws Exception {
    FlywaySettings s = settings("pom.xml", POM_HEAD + "  <build><plugins><plugin><artifactId>flyway-maven-plugin</artifactId>\n"
        + "    <configuration>\n      <mixed>${env.MIXED}</mixed>\n    </configuration>\n"
        + "  </plugin></plugins></build>\n</project>\n");
    assertThat(s.mixed()).isFalse();
    assertThat(s.notes()).extracting(Text::english).containsExactly("pom.xml:6: the Flyway setting mixed is ${env.MIXED}, which lockstep does not "
        + "resolve; Flyway's default is assumed");
  }

  @Test
  void aPomWithoutTheFlywayPluginIsPassedOver() throws Exception {
    Files.writeString(dir.resolve("flyway.conf"), "flyway.mixed=true\n");
    Path module = dir.resolve("app");
    Files.createDirectories(module.resolve("db/migration"));
    Files.writeString(module.resolve("pom.xml"), POM_HEAD + "</project>\n");
    FlywaySettings s = FlywaySettings.of(module.resolve("db/migration/V1__x.sql"), Map.of());
    assertThat(s.source()).isEqualTo(dir.resolve("flyway.conf"));
    assertThat(s.mixed()).isTrue();
  }

  @Test
  void theKeyTheMavenPluginRejectsIsAProblemAndTheDefaultHolds() throws Exception {
    FlywaySettings s = settings("pom.xml", POM_HEAD + "  <build><plugins><plugin><artifactId>flyway-maven-plugin</artifactId>\n"
        + "    <configuration><pluginConfiguration><postgresqlTransactionalLock>false</postgresqlTransactionalLock>"
        + "</pluginConfiguration></configuration>\n  </plugin></plugins></build>\n</project>\n");
    assertThat(s.transactionalLock()).isTrue();
    assertThat(s.problem().english()).isEqualTo("are rejected by the flyway-maven-plugin: <pluginConfiguration>"
        + "<postgresqlTransactionalLock> is not a property it knows (\"Unknown configuration property: "
        + "flyway.postgresqlTransactionalLock\"), and it migrates nothing; write <pluginConfiguration>"
        + "<postgresql.transactional.lock>false</postgresql.transactional.lock></pluginConfiguration> instead");
  }

  @Test
  void anEditedPomOrTheConfigFileItNamesIsReadAgain() throws Exception {
    String pom = POM_HEAD + "  <build><plugins><plugin><artifactId>flyway-maven-plugin</artifactId>\n"
        + "    <configuration><mixed>true</mixed><configFiles><configFile>ci.conf</configFile></configFiles></configuration>\n"
        + "  </plugin></plugins></build>\n</project>\n";
    Files.writeString(dir.resolve("ci.conf"), "flyway.locations=filesystem:db/migration\n");
    assertThat(settings("pom.xml", pom).mixed()).isTrue();
    Files.writeString(dir.resolve("ci.conf"), "flyway.postgresql.transactional.lock=false\n");
    assertThat(settings(Map.of()).transactionalLock()).isFalse();
    Files.writeString(dir.resolve("pom.xml"), pom.replace("<mixed>true</mixed>", "<mixed>false</mixed>"));
    assertThat(settings(Map.of()).mixed()).isFalse();
  }

  @Test
  void aBrokenPomIsNamed() throws Exception {
    FlywaySettings s = settings("pom.xml", POM_HEAD + "  <build>\n</project>\n");
    assertThat(s.problem().english()).startsWith("cannot be parsed: ").endsWith("\"</build>\" at line 5");
    assertThat(s.transactionalLock()).isTrue();
  }

  @Test
  void aPomWithADoctypeIsRefusedRatherThanExpanded() throws Exception {
    Files.writeString(dir.resolve("secret.txt"), "false");
    FlywaySettings s = settings("pom.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY x SYSTEM \"secret.txt\">]>\n"
        + "<project><build><plugins><plugin><artifactId>flyway-maven-plugin</artifactId><configuration>"
        + "<pluginConfiguration><postgresql.transactional.lock>&x;</postgresql.transactional.lock></pluginConfiguration>"
        + "</configuration></plugin></plugins></build></project>\n");
    assertThat(s.problem().english()).startsWith("cannot be parsed: ");
    assertThat(s.transactionalLock()).isTrue();
  }

  @Test
  void theGradlePluginsBlock() throws Exception {
    FlywaySettings s = settings("build.gradle", "plugins {\n  id 'org.flywaydb.flyway' version '11.0.0'\n}\n"
        + "// flyway { mixed = false }\n"
        + "flyway {\n  url = 'jdbc:postgresql://localhost/app'\n  locations = ['filesystem:sql', \"classpath:db/more\"]\n"
        + "  mixed = true\n  pluginConfiguration = [postgresqlTransactionalLock: 'false']\n}\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.locations()).containsExactly(dir.resolve("sql"), dir.resolve("src/main/resources/db/more"));
    assertThat(s.notes()).isEmpty();
  }

  @Test
  void gradlePropertiesAreReadOverTheBlock() throws Exception {
    Files.writeString(dir.resolve("gradle.properties"), "org.gradle.jvmargs=-Xmx1g\nflyway.postgresql.transactional.lock=false\n");
    FlywaySettings s = settings("build.gradle", "flyway {\n  mixed = true\n}\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
  }

  @Test
  void theGradleKotlinBlock() throws Exception {
    FlywaySettings s = settings("build.gradle.kts", "flyway {\n    locations = arrayOf(\"filesystem:sql\")\n"
        + "    mixed = true\n    pluginConfiguration = mapOf(\"postgresqlTransactionalLock\" to \"false\")\n}\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.locations()).containsExactly(dir.resolve("sql"));
  }

  @Test
  void aComputedGradleValueIsANoteNamingItsLineAndTheDefaultHolds() throws Exception {
    FlywaySettings s = settings("build.gradle", "def lock = System.getenv('LOCK')\nflyway {\n"
        + "  locations = [\"filesystem:${rootDir}/sql\"]\n  mixed = project.hasProperty('mixed')\n"
        + "  pluginConfiguration = [postgresqlTransactionalLock: lock]\n}\n");
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isTrue();
    assertThat(s.locations()).isEmpty();
    assertThat(s.notes()).extracting(Text::english).containsExactly(
        "build.gradle:3: the Flyway setting locations is [\"filesystem:${rootDir}/sql\"], which lockstep does not "
            + "resolve; Flyway's default is assumed",
        "build.gradle:4: the Flyway setting mixed is project.hasProperty('mixed'), which lockstep does not resolve; "
            + "Flyway's default is assumed",
        "build.gradle:5: the Flyway setting postgresqlTransactionalLock is lock, which lockstep does not resolve; "
            + "Flyway's default is assumed");
  }

  @Test
  void springBootYaml() throws Exception {
    FlywaySettings s = settings("src/main/resources/application.yml", "spring:\n  flyway:\n"
        + "    locations:\n      - classpath:db/migration\n      - filesystem:ops/sql\n"
        + "    mixed: true\n    postgresql:\n      transactional-lock: false\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.locations()).containsExactly(dir.resolve("src/main/resources/db/migration"), dir.resolve("ops/sql"));
  }

  @Test
  void flywayTomlIsReadBeforeFlywayConf() throws Exception {
    Files.writeString(dir.resolve("flyway.conf"), "flyway.mixed=false\n");
    FlywaySettings s = settings("flyway.toml", "[flyway]\nmixed = true\nlocations = [\"filesystem:sql\"]\n");
    assertThat(s.mixed()).isTrue();
    assertThat(s.locations()).containsExactly(dir.resolve("sql"));
  }

  @Test
  void environmentVariablesOverrideTheFilesAndSaySo() throws Exception {
    settings("flyway.conf", "flyway.mixed=false\nflyway.locations=filesystem:db/migration\n");
    FlywaySettings s = settings(Map.of("FLYWAY_MIXED", "true", "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false",
        "FLYWAY_LOCATIONS", "filesystem:db/migration,filesystem:db/more"));
    assertThat(s.mixed()).isTrue();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.locations()).containsExactly(dir.resolve("db/migration"), dir.resolve("db/more"));
    assertThat(s.notes()).extracting(Text::english).containsExactly(
        "FLYWAY_MIXED=true in the environment overrides flyway.conf for the Flyway scripts judged here: the verdicts "
            + "hold where Flyway runs with it",
        "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=false in the environment overrides flyway.conf for the Flyway scripts "
            + "judged here: the verdicts hold where Flyway runs with it",
        "FLYWAY_LOCATIONS=filesystem:db/migration,filesystem:db/more in the environment overrides flyway.conf for the "
            + "Flyway scripts judged here: the verdicts hold where Flyway runs with it");
    assertThat(s.evidence().english())
        .isEqualTo("flyway.conf, with FLYWAY_MIXED, FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK, FLYWAY_LOCATIONS from the environment");
  }

  @Test
  void springBootReadsItsOwnEnvironmentVariablesNotFlyways() throws Exception {
    settings("src/main/resources/application.properties", "spring.flyway.mixed=false\n");
    FlywaySettings s = settings(Map.of("FLYWAY_MIXED", "true", "SPRING_FLYWAY_POSTGRESQL_TRANSACTIONALLOCK", "false"));
    assertThat(s.mixed()).isFalse();
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.notes()).singleElement().asString().startsWith("SPRING_FLYWAY_POSTGRESQL_TRANSACTIONALLOCK=false");
  }

  @Test
  void withoutAFileTheEnvironmentStillCounts() throws Exception {
    Files.createDirectories(dir.resolve("db/migration"));
    FlywaySettings s = settings(Map.of("FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false"));
    assertThat(s.transactionalLock()).isFalse();
    assertThat(s.notes()).singleElement().asString().contains("overrides Flyway's defaults");
  }
}
