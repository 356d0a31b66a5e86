package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lockstep fix, init and baseline say, byte for byte, with --lang es and --lang pt: fixed and would-fix lines,
 * refusals with their reason, the split's notes and the files it wrote; no English sentence left.
 */
class OutputTranslationsTest {
  /** English sentence words (as in core's TranslatedOutput); paths and quoted text are cut out first. */
  static final Pattern ENGLISH = Pattern.compile("\\b(the|and|with|which|must|would|every|only|this|that|from|into"
      + "|cannot|does|not|its|then|fixed|written|created|updated|split|shown|above|apply|later|deploy|runs)\\b");

  @TempDir
  Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static List<String> english(String output, Path dir) {
    return output.lines().map(l -> l.replace(dir.toString(), " ").replaceAll("'[^']*'|\"[^\"]*\"|\\S+\\.sql\\S*|--[\\w-]+", " "))
        .filter(l -> ENGLISH.matcher(l).find()).toList();
  }

  @Test
  void fixedAndWouldFixInSpanishAndPortuguese() throws Exception {
    Path f = write("0001_idx.sql", FixCommandTest.BAD);
    CliRunner.Result check = CliRunner.run("fix", "--lang", "pt", "--check", f.toString());
    assertThat(check.code()).isEqualTo(1);
    assertThat(check.out()).isEqualTo("seria corrigido " + f + "\n");
    CliRunner.Result fixed = CliRunner.run("fix", "--lang", "es", f.toString());
    assertThat(fixed.code()).isZero();
    assertThat(fixed.err()).isEqualTo("corregido " + f + "\n");
    assertThat(Files.readString(f)).isEqualTo(FixCommandTest.GOOD);
  }

  @Test
  void aFileThatDoesNotParseIsRefusedInTheChosenLanguage() throws Exception {
    Path f = write("0002_broken.sql", "ALTER TABLE orders ADD COLUMN;\n");
    CliRunner.Result es = CliRunner.run("fix", "--lang", "es", f.toString());
    assertThat(es.code()).isEqualTo(2);
    assertThat(es.err()).startsWith(f + ": no se puede analizar (").endsWith("); se deja sin tocar\n");
    CliRunner.Result pt = CliRunner.run("fix", "--lang", "pt", f.toString());
    assertThat(pt.err()).startsWith(f + ": não é possível analisá-lo (").endsWith("); deixado como está\n");
    assertThat(english(es.err() + pt.err(), dir)).isEmpty();
  }

  @Test
  void aSplitShownWrittenAndRefusedSpeaksTheLanguage() throws Exception {
    write("flyway.conf", FixSplitTest.LOCK_OFF);
    Path file = write("db/migration/V2__orders.sql", "ALTER TABLE orders ADD COLUMN note text;\n" + FixSplitTest.INDEX);
    CliRunner.Result shown = CliRunner.run("fix", "--lang", "es", "--split", dir.toString());
    assertThat(shown.code()).isZero();
    assertThat(shown.err()).isEqualTo(file + ": la división se muestra arriba; aplíquela con --unsafe-fixes --split\n");
    CliRunner.Result written = CliRunner.run("fix", "--lang", "pt", "--unsafe-fixes", "--split", dir.toString());
    assertThat(written.code()).as(written.err()).isZero();
    Path script = file.resolveSibling("V2.1__orders_customer_idx_concurrently.sql");
    assertThat(written.err()).isEqualTo("criado " + script + ".conf\ncriado " + script + "\ndividido " + file + "\n");
    // the comment the split writes into the new migration is in the reader's language too
    assertThat(Files.readString(script)).startsWith("-- Separada de V2__orders.sql por lockstep fix --split: precisa ser "
        + "executada fora de um bloco de transação.\n");
    // a rerun in another language recognises that file and writes no second copy
    Files.writeString(file, "ALTER TABLE orders ADD COLUMN note text;\n" + FixSplitTest.INDEX);
    CliRunner.Result again = CliRunner.run("fix", "--lang", "es", "--unsafe-fixes", "--split", dir.toString());
    assertThat(again.code()).as(again.err()).isZero();
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("V2.1__orders_customer_idx_concurrently.sql",
          "V2.1__orders_customer_idx_concurrently.sql.conf", "V2__orders.sql");
    }
    assertThat(english(shown.err() + written.err(), dir)).isEmpty();
  }

  @Test
  void drizzleNotesAndRefusalsAreTranslated() throws Exception {
    write("drizzle/0001_orders.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n");
    write("drizzle/meta/_journal.json", "{\"entries\":[{\"idx\":1,\"when\":1,\"tag\":\"0001_orders\"}]}");
    CliRunner.Result es = CliRunner.run("fix", "--lang", "es", "--unsafe-fixes", "--split", dir.toString());
    assertThat(es.code()).as(es.err()).isZero();
    assertThat(es.err()).startsWith("Drizzle ejecuta las migraciones pendientes en una sola transacción: publique "
        + "0002_validate_orders_total_check.sql en un despliegue posterior al de 0001_orders.sql para que se ejecute en "
        + "una transacción propia\n");
    Path other = write("drizzle2/0001_orders.sql", "SET lock_timeout = '2s';\n"
        + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);\n");
    write("drizzle2/meta/_journal.json", "{\"entries\":[{\"idx\":2147483647,\"when\":1,\"tag\":\"0001_orders\"}]}");
    CliRunner.Result pt = CliRunner.run("fix", "--lang", "pt", "--unsafe-fixes", "--split", other.toString());
    assertThat(pt.code()).isEqualTo(2);
    assertThat(pt.err()).isEqualTo(other + ": não dividido, nada foi alterado: a última entrada de meta/_journal.json "
        + "tem idx 2147483647; deve ser um número inteiro de 0 a 2147483646 para que as próximas migrações venham depois dela\n");
    assertThat(english(es.err() + pt.err(), dir)).isEmpty();
  }

  @Test
  void initAndBaselineSayWhatTheyWroteInTheChosenLanguage() throws Exception {
    write("db/migration/V1__index.sql", FixCommandTest.BAD);
    write("db/migration/V2__drop.sql", "ALTER TABLE t DROP COLUMN c;\n");
    Path config = dir.resolve("lockstep.toml");
    CliRunner.Result init = CliRunner.run("init", "--lang", "es", "--output", config.toString(), dir.resolve("db").toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out()).isEqualTo("Escrito " + config + " (flyway: 2 de 2 archivos de migración)\n");
    CliRunner.Result again = CliRunner.run("init", "--lang", "pt", "--output", config.toString(), dir.resolve("db").toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).startsWith("lockstep: " + config + " já existe; use --force para sobrescrevê-lo\n");
    Path baseline = dir.resolve("baseline.json");
    CliRunner.Result recorded = CliRunner.run("baseline", "--lang", "pt", "--file", baseline.toString(),
        dir.resolve("db").toString());
    assertThat(recorded.code()).as(recorded.err()).isZero();
    assertThat(recorded.out()).isEqualTo("Registrados 3 achados em " + baseline + "\n");
    Files.write(dir.resolve("db/migration/V3__binary.sql"), new byte[] {'S', 'E', 'L', (byte) 0xff, 0, ';'}); // not text
    CliRunner.Result partial = CliRunner.run("baseline", "--lang", "es", "--file", baseline.toString(),
        dir.resolve("db").toString());
    assertThat(partial.code()).isEqualTo(2);
    assertThat(partial.err()).endsWith("lockstep: no se escribió la línea base: 1 archivo no se comprobó por completo\n");
    assertThat(english(init.out() + again.err() + recorded.out(), dir)).isEmpty();
  }
}
