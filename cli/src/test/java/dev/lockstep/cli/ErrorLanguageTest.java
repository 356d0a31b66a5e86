package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.report.Reporters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors are told in the run's language, byte for byte: a configuration error in the file's own
 * lang (--lang first), an option error and a configuration that does not parse in the language of
 * --lang, LOCKSTEP_LANG or the locale (else English), input errors and --explain-detection in the
 * chosen language. No Spanish or Portuguese line holds an English sentence.
 */
class ErrorLanguageTest {
  /** English words that no translated sentence contains (the same list as the catalogue's test). */
  private static final Pattern ENGLISH = Pattern.compile(
      "\\b(the|and|with|while|which|until|when|must|would|should|takes|waits|instead|without|every|before|after"
          + "|only|this|that|from|into|whole|rewrites|blocks|runs|cannot|does|not|its|their|there|first|then|keeps"
          + "|unknown|file|folder|read|checked|got|mean|more|information|try|note|name)\\b");

  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** lockstep in a JVM of its own, with exactly {@code env} as its environment (the locale variables). */
  private Run process(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  private Path write(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** The words of a translated line, without paths, quoted values, option names and SQL keywords. */
  private static void assertNoEnglish(String output) {
    for (String line : output.lines().toList()) {
      String words = line.replaceAll("(/[^\\s:,;()]+)+", " ")
          .replaceAll("«[^»]*»|\"[^\"]*\"|'[^']*'|--[a-z-]+|\\b[a-z]+(-[a-z]+)+\\b|\\b[\\w.-]+\\.(sql|toml|ts)\\b", " ");
      assertThat(ENGLISH.matcher(words).find()).as("English in: %s", line).isFalse();
    }
  }

  @Test
  void aConfigurationErrorIsToldInTheFilesOwnLanguage() throws IOException {
    Path config = write("lockstep.toml", "lang = \"es\"\nfail-levle = \"error\"\n");
    Path file = write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Run es = run("lint", "--config", config.toString(), file.toString());
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.out()).isEmpty();
    assertThat(es.err()).isEqualTo("lockstep: " + config + ":2: clave desconocida «fail-levle»; ¿quiso decir «fail-level»?\n"
        + "Pruebe 'lockstep lint --help' para más información.\n");
    // --lang comes first, as it does for everything else
    Run pt = run("lint", "--lang", "pt", "--config", config.toString(), file.toString());
    assertThat(pt.err()).isEqualTo("lockstep: " + config + ":2: chave desconhecida \"fail-levle\"; você quis dizer \"fail-level\"?\n"
        + "Tente 'lockstep lint --help' para mais informações.\n");
    assertNoEnglish(es.err());
    assertNoEnglish(pt.err());
  }

  @Test
  void aBadValueInTheConfigurationIsToldInTheChosenLanguage() throws IOException {
    Path config = write("lockstep.toml", "pg-version = 9\nmax-lock-timeout = \"soon\"\n");
    Path file = write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Run pt = run("lint", "--lang", "pt", "--config", config.toString(), file.toString());
    assertThat(pt.err()).isEqualTo("lockstep: " + config + ":1: pg-version deve estar entre 10 e 18; recebido 9\n"
        + "Tente 'lockstep lint --help' para mais informações.\n");
    Files.writeString(config, "max-lock-timeout = \"soon\"\n");
    Run es = run("lint", "--lang", "es", "--config", config.toString(), file.toString());
    assertThat(es.err()).isEqualTo("lockstep: " + config + ":1: max-lock-timeout debe ser una duración como '5s' o '500ms'; "
        + "se recibió «soon»\nPruebe 'lockstep lint --help' para más información.\n");
    assertNoEnglish(pt.err());
    assertNoEnglish(es.err());
  }

  @Test
  void aYamlConfigurationThatDoesNotParseIsToldAtItsPlace() throws IOException {
    Path config = write(".lockstep.yaml", "lang: es\nlang: pt\n");
    Path file = write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Run es = run("lint", "--lang", "es", "--config", config.toString(), file.toString());
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.err()).isEqualTo("lockstep: " + config + ":2:1: la configuración no es YAML válido: found duplicate key lang\n"
        + "Pruebe 'lockstep lint --help' para más información.\n");
  }

  @Test
  void anOptionErrorIsToldInTheLanguageOfTheFlag() throws IOException {
    Path file = write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Run es = run("lint", "--lang", "es", "--format", "nope", file.toString());
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.err()).isEqualTo("lockstep: --format: formato desconocido «nope» (uno de "
        + String.join(", ", Reporters.names()) + ")\nPruebe 'lockstep lint --help' para más información.\n");
    Run pt = run("lint", "--lang", "pt", "--max-file-size", "lots", file.toString());
    assertThat(pt.err()).isEqualTo("lockstep: --max-file-size: não é um tamanho: lots\n"
        + "Tente 'lockstep lint --help' para mais informações.\n");
    Run rule = run("explain", "--lang", "pt", "no-such-rule");
    assertThat(rule.err()).isEqualTo("lockstep: regra desconhecida \"no-such-rule\" (veja 'lockstep rules')\n"
        + "Tente 'lockstep explain --help' para mais informações.\n");
    assertNoEnglish(es.err());
    assertNoEnglish(pt.err());
    assertNoEnglish(rule.err());
  }

  /** picocli's own usage errors, which it words in English only, are said again in the run's language. */
  @Test
  void picocliOwnUsageErrorsAreToldInTheLanguageOfTheFlag() throws IOException {
    Path file = write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Run es = run("lint", "--lang", "es", "--no-such-option", file.toString());
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.err()).isEqualTo("lockstep: Opción desconocida: '--no-such-option'\n"
        + "Pruebe 'lockstep lint --help' para más información.\n");
    Run pt = run("lint", "--lang", "pt", file.toString(), "--format");
    assertThat(pt.err()).startsWith("lockstep: Falta o valor obrigatório da opção '--format' (")
        .endsWith(")\nTente 'lockstep lint --help' para mais informações.\n");
    Run english = run("lint", "--lang", "en", "--no-such-option", file.toString());
    assertThat(english.err()).startsWith("lockstep: Unknown option: '--no-such-option'\n");
    assertNoEnglish(es.err());
    assertNoEnglish(pt.err());
  }

  /**
   * A configuration that does not parse has no language of its own (its lang is not read): the
   * error is in the language of --lang, then LOCKSTEP_LANG, then the locale, else English.
   */
  @Test
  void aConfigurationThatDoesNotParseIsToldInTheLanguageOfTheFlagOrTheLocale() throws Exception {
    write("lockstep.toml", "lang = \"es\"\nrules = [\n");
    write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Path config = tmp.resolve("lockstep.toml").toRealPath();
    Run locale = process(Map.of("LC_ALL", "pt_BR.UTF-8"), "lint", "--config", config.toString(), "V1__init.sql");
    assertThat(locale.code()).isEqualTo(2);
    // where in lockstep's words, what in the TOML library's (which has no translation)
    assertThat(locale.err()).isEqualTo("lockstep: " + config + ":3:1: a configuração não é TOML válido: Premature end of file\n"
        + "Tente 'lockstep lint --help' para mais informações.\n");
    Run variable = process(Map.of("LOCKSTEP_LANG", "es", "LANG", "pt_BR.UTF-8"), "lint", "--config", config.toString(), "V1__init.sql");
    assertThat(variable.err()).isEqualTo("lockstep: " + config + ":3:1: la configuración no es TOML válido: Premature end of file\n"
        + "Pruebe 'lockstep lint --help' para más información.\n");
    Run flag = process(Map.of("LOCKSTEP_LANG", "es"), "lint", "--lang", "pt", "--config", config.toString(), "V1__init.sql");
    assertThat(flag.err()).startsWith("lockstep: " + config + ":3:1: a configuração não é TOML válido: ");
    Run none = process(Map.of(), "lint", "--config", config.toString(), "V1__init.sql");
    assertThat(none.err()).isEqualTo("lockstep: " + config + ":3:1: the configuration is not valid TOML: Premature end of file\n"
        + "Try 'lockstep lint --help' for more information.\n");
  }

  @Test
  void inputErrorsAreToldInTheChosenLanguage() throws IOException {
    Path bad = tmp.resolve("V2__bad.sql");
    Files.write(bad, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', (byte) 0xff, '\n'});
    Path big = write("V3__big.sql", "SELECT 1; -- a comment to make this file larger\n");
    Path missing = tmp.resolve("V4__missing.sql");
    String[] files = {bad.toString(), big.toString(), missing.toString()};
    Run es = run(concat(new String[] {"lint", "--lang", "es", "--max-file-size", "20"}, files));
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.out()).isEqualTo(missing + ": error: no existe el archivo o directorio\n"
        + bad + ":2:1: error: no es UTF-8 válido: byte 0xFF\n"
        + big + ": error: ocupa 48 bytes, más que max-file-size (20 bytes): no se comprobó (aumente max-file-size para comprobarlo)\n"
        + "Sin hallazgos en 0 archivos; 3 entradas ilegibles.\n");
    Run pt = run(concat(new String[] {"lint", "--lang", "pt", "--max-file-size", "20"}, files));
    assertThat(pt.out()).isEqualTo(missing + ": erro: arquivo ou diretório não existe\n"
        + bad + ":2:1: erro: não é UTF-8 válido: byte 0xFF\n"
        + big + ": erro: ocupa 48 bytes, mais que max-file-size (20 bytes): não foi verificado (aumente max-file-size para verificá-lo)\n"
        + "Nenhum achado em 0 arquivos; 3 entradas ilegíveis.\n");
    assertNoEnglish(es.out());
    assertNoEnglish(pt.out());
  }

  @Test
  void explainDetectionAndDetectionNotesAreToldInTheChosenLanguage() throws IOException {
    write("drizzle.config.ts", "export default { out: process.env.OUT };\n");
    Path flyway = write("V1__init.sql", "CREATE TABLE a (id int);\n");
    Path plain = write("sql/setup.sql", "CREATE TABLE b (id int);\n");
    Run es = run("lint", "--lang", "es", "--explain-detection", flyway.toString(), plain.toString());
    assertThat(es.code()).isZero();
    assertThat(es.err()).isEqualTo(flyway + ": flyway, según nombre de archivo de Flyway V1__init.sql; "
        + "configuración de Flyway: los valores por omisión de Flyway\n"
        + plain + ": plain, según ningún marcador ni estructura de herramienta: SQL simple ejecutado sentencia a sentencia\n"
        + "nota: drizzle.config.ts: 'out' se calcula al ejecutar la configuración, así que lockstep no puede leerlo; "
        + "los archivos de allí se detectan solo por sus marcadores\n");
    Run pt = run("lint", "--lang", "pt", "--explain-detection", flyway.toString(), plain.toString());
    assertThat(pt.err()).isEqualTo(flyway + ": flyway, conforme nome de arquivo do Flyway V1__init.sql; "
        + "configurações do Flyway: os valores padrão do Flyway\n"
        + plain + ": plain, conforme nenhum marcador nem estrutura de ferramenta: SQL simples executado comando a comando\n"
        + "nota: drizzle.config.ts: 'out' é calculado quando a configuração roda, então o lockstep não consegue lê-lo; "
        + "os arquivos dali são detectados só pelos seus marcadores\n");
    assertNoEnglish(es.err());
    assertNoEnglish(pt.err());
    // the JSON report keeps what decided the tool, in the same words
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(run("lint", "--lang", "es", "--format", "json", flyway.toString()).out());
    assertThat(json.get("files").get(0).get("detectedBy").asText()).isEqualTo("nombre de archivo de Flyway V1__init.sql; "
        + "configuración de Flyway: los valores por omisión de Flyway");
    assertThat(json.get("files").get(0).get("detectionNotes").get(0).asText()).startsWith("drizzle.config.ts: 'out' se calcula");
  }

  /**
   * Errors in DO bodies and EXECUTE'd constants: lockstep's words in the catalogue, PostgreSQL's own
   * syntax error in PostgreSQL's Spanish; and a broken history's note, with the files judged alone.
   */
  @Test
  void bodyErrorsAndHistoryProblemsAreToldInTheChosenLanguage() throws IOException {
    write("V1__a.sql", "CREATE TABLE a (id int);\n");
    Path twin = write("V1__b.sql", "CREATE TABLE b (id int);\n");
    Path body = write("V3__do.sql", "DO $$ BEGIN SELEC 1; END $$;\nDO $$ BEGIN EXECUTE 'SELEC 2'; END $$;\n");
    Run es = run("lint", "--lang", "es", "--format", "gcc", body.toString());
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.out()).isEqualTo(twin + ":1:1: error: la versión de Flyway 1 es también V1__a.sql: Flyway se niega a aplicar "
        + "dos migraciones con una misma versión; los veredictos para " + body + " se basan solo en el propio archivo [input-error]\n"
        + body + ":1:1: error: el cuerpo PL/pgSQL no se puede analizar: error de sintaxis en o cerca de «SELEC» [syntax-error]\n"
        + body + ":2:22: error: una sentencia del cuerpo PL/pgSQL no se puede analizar: error de sintaxis en o cerca de «SELEC» "
        + "[syntax-error]\n");
    Run pt = run("lint", "--lang", "pt", "--format", "gcc", body.toString());
    assertThat(pt.out()).isEqualTo(twin + ":1:1: error: a versão do Flyway 1 também é V1__a.sql: o Flyway se recusa a aplicar "
        + "duas migrações com a mesma versão; os veredictos para " + body + " se baseiam só no próprio arquivo [input-error]\n"
        + body + ":1:1: error: o corpo PL/pgSQL não pode ser analisado: erro de sintaxe em ou perto de \"SELEC\" [syntax-error]\n"
        + body + ":2:22: error: um comando do corpo PL/pgSQL não pode ser analisado: erro de sintaxe em ou perto de \"SELEC\" "
        + "[syntax-error]\n");
    assertNoEnglish(es.out().replace("error:", ""));
    assertNoEnglish(pt.out().replace("error:", ""));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
