package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --lang and lang in lockstep.toml choose the language of lint's output in every format. */
class LanguageOptionTest {
  @TempDir
  Path tmp;

  private String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  private Path migration() throws IOException {
    Path file = tmp.resolve("index.sql") /* plain SQL: the generic step label */;
    Files.writeString(file, "SET lock_timeout = '2s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n");
    return file;
  }

  @Test
  void jsonAndSarifMessagesComeInTheChosenLanguage() throws IOException {
    Path file = migration();
    JsonNode json = new ObjectMapper().readTree(run("lint", "--lang", "es", "--format", "json", file.toString())[1]);
    JsonNode finding = json.get("findings").get(0);
    assertThat(finding.get("rule").asText()).isEqualTo("require-concurrent-index");
    assertThat(finding.get("message").asText()).isEqualTo(
        "CREATE INDEX sobre orders toma un bloqueo SHARE durante toda la construcción: INSERT, UPDATE y DELETE sobre "
            + "orders esperan hasta que termine");
    assertThat(finding.get("rewrite").get("steps").get(0).get("runs").asText()).isEqualTo("fuera de un bloque de transacción");
    assertThat(finding.get("fixes").get(0).get("title").asText()).isEqualTo("Agregar CONCURRENTLY");

    JsonNode sarif = new ObjectMapper().readTree(run("lint", "--lang", "pt", "--format", "sarif", file.toString())[1]);
    JsonNode run = sarif.get("runs").get(0);
    assertThat(run.get("language").asText()).isEqualTo("pt-BR");
    assertThat(run.get("results").get(0).get("message").get("text").asText())
        .startsWith("CREATE INDEX em orders obtém um bloqueio SHARE durante toda a construção");
  }

  @Test
  void theConfigurationsLangAppliesAndTheFlagWins() throws IOException {
    Path file = migration();
    Path config = tmp.resolve("lockstep.toml");
    Files.writeString(config, "lang = \"pt\"\n");
    String[] fromConfig = run("lint", "--config", config.toString(), file.toString());
    assertThat(fromConfig[1]).contains("= bloqueio: SHARE em orders").contains("1 achado (1 erro, 0 avisos, 0 sugestões) em 1 arquivo");
    String[] flag = run("lint", "--lang", "es", "--config", config.toString(), file.toString());
    assertThat(flag[1]).contains("= bloqueo: SHARE sobre orders");
  }

  @Test
  void anUnknownLanguageIsEnglishWithOneLineNote() throws IOException {
    String[] result = run("lint", "--lang", "klingon", migration().toString());
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1]).contains("= lock: SHARE on orders");
    assertThat(result[2]).isEqualTo(
        "lockstep: language 'klingon' (from --lang) is not available; using English (available: en, es, pt)\n");
  }

  @Test
  void explainPrintsTheTranslatedDoc() throws IOException {
    assertThat(run("explain", "--lang", "es", "prefer-text-type")[1])
        .isEqualTo(Files.readString(Path.of("rules", "es", "prefer-text-type.md")));
    assertThat(run("explain", "--lang", "pt", "prefer-text-type")[1])
        .isEqualTo(Files.readString(Path.of("rules", "pt", "prefer-text-type.md")));
  }
}
