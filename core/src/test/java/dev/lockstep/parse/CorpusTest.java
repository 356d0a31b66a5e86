package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parses every file of the real-world corpus as its migration tool runs it (down migrations
 * skipped, psql meta-commands, COPY data, goose markers and template placeholders handled). Each
 * file either parses fully or fails exactly where src/test/resources/corpus-unparseable.tsv says,
 * for the reason given there.
 */
class CorpusTest {
  static final Path CORPUS = Path.of("corpus");
  static final Path EXPECTED = Path.of("core", "src", "test", "resources", "corpus-unparseable.tsv");

  @Test
  void everyCorpusFileParsesOrFailsWhereExpected() throws IOException {
    assertThat(CORPUS.resolve("MANIFEST.tsv")).as("the corpus must sit beside the project").exists();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThan(2900);

    SqlParser parser = new SqlParser();
    TreeMap<String, String> actual = new TreeMap<>();
    int statements = 0;
    for (Path file : files) {
      String name = CORPUS.relativize(file).toString();
      SourceFile source;
      try {
        source = SourceFile.decode(name, Files.readAllBytes(file));
      } catch (InputException e) {
        actual.put(name, "unreadable\t" + e.getMessage());
        continue;
      }
      MigrationScript script = MigrationScript.of(file, source, null, false);
      if (script.skipped() != null) continue;
      ParsedFile parsed = parser.parse(script.source());
      statements += parsed.statements().size();
      for (SyntaxError e : parsed.errors()) {
        assertThat(e.message()).as(name).doesNotStartWith("the PostgreSQL parser failed");
        assertThat(e.statement().end()).as(name).isLessThanOrEqualTo(source.text().length());
      }
      for (Statement s : parsed.statements()) {
        assertThat(s.span().end()).as(name).isLessThanOrEqualTo(source.text().length());
        assertThat(s.text()).as(name).isNotBlank();
      }
      if (!parsed.errors().isEmpty()) {
        SyntaxError first = parsed.errors().get(0);
        actual.put(name, parsed.errors().size() + "\t" + source.position(first.offset()) + "\t" + first.message());
      }
    }

    TreeMap<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(EXPECTED)) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] cols = line.split("\t");
      assertThat(cols).as("path, errors, position, message, reason: " + line).hasSize(5);
      assertThat(cols[4]).as("reason for " + cols[0]).isNotBlank();
      expected.put(cols[0], cols[1] + "\t" + cols[2] + "\t" + cols[3]);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(statements).as("statements parsed").isGreaterThan(14_000);
  }
}
