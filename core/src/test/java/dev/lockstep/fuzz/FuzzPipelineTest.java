package dev.lockstep.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.FixSession;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.report.LintReport;
import dev.lockstep.report.Reporters;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The whole pipeline (decode, frameworks, parse, rules, fixes, every report format) on mutated
 * migrations: the rule fixtures with bytes deleted, duplicated, or replaced by SQL's troublemakers
 * (quotes, dollar quotes, comment markers, parentheses, BEGIN/COMMIT, line breaks, a byte order
 * mark, invalid UTF-8). Properties: nothing throws but a clean input error; every finding lies in
 * the file; every fix is valid SQL and idempotent; every report is well-formed, SARIF against its
 * schema. A fixed seed keeps the suite deterministic; {@link #longRun()} is the longer run.
 */
class FuzzPipelineTest {
  private static final SqlParser PARSER = new SqlParser();
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), PARSER);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Path> SEEDS = seeds();
  private static final String[] TROUBLE = {"'", "\"", "$$", "$x$", "/*", "*/", "--", ";", "(", ")", "\n", "\r\n", "\r",
      "\uFEFF", "é", "𝕏", "\\", "BEGIN;", "COMMIT;", "E'\\'", "U&'", "CONCURRENTLY", "NOT VALID", "\t", "\u00a0"};
  private static JsonSchema sarifSchema;

  private static List<Path> seeds() {
    try (Stream<Path> walk = Files.walk(Path.of("test-fixtures"))) {
      return walk.filter(p -> p.toString().endsWith(".sql") && !p.toString().endsWith(".setup.sql")).sorted().toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A mutation: where, how much, what. */
  record Mutation(int kind, double at, int length, int trouble) {}

  /** The suite's run: a fixed seed, so it is deterministic. */
  @Test
  void thePipelineNeverBreaks() throws Exception {
    run(20261125L, 1000);
  }

  /**
   * The long run: {@code mvn -pl wasm-split,core test -Dtest=FuzzPipelineTest -Dlockstep.fuzz.tries=20000
   * [-Dlockstep.fuzz.seed=N]}. A failure prints the case to turn into a regression fixture.
   */
  @Test
  @EnabledIfSystemProperty(named = "lockstep.fuzz.tries", matches = "\\d+")
  void longRun() throws Exception {
    run(Long.getLong("lockstep.fuzz.seed", System.nanoTime()), Integer.getInteger("lockstep.fuzz.tries"));
  }

  private static void run(long seed, int tries) throws Exception {
    Random random = new Random(seed);
    for (int i = 0; i < tries; i++) {
      int file = random.nextInt(SEEDS.size());
      List<Mutation> mutations = new ArrayList<>();
      for (int n = 1 + random.nextInt(6); n > 0; n--) {
        mutations.add(new Mutation(random.nextInt(5), random.nextDouble(), 1 + random.nextInt(40),
            random.nextInt(TROUBLE.length)));
      }
      try {
        check(file, mutations);
      } catch (Throwable t) {
        throw new AssertionError("fuzz seed " + seed + ", try " + i + ": " + SEEDS.get(file) + " with " + mutations, t);
      }
    }
    System.err.println("fuzz: " + tries + " tries with seed " + seed + ", nothing broke");
  }

  static void check(int seed, List<Mutation> mutations) throws Exception {
    Path path = SEEDS.get(seed);
    check(path, mutate(Files.readAllBytes(path), mutations));
  }

  /** The properties, for any bytes read from a file at {@code path}. */
  static void check(Path path, byte[] bytes) throws Exception {
    SourceFile source;
    try {
      source = SourceFile.decode(path.toString(), bytes);
    } catch (InputException rejected) {
      assertThat(rejected.getMessage()).isNotBlank().doesNotContain("\n");
      return; // a clean one-line error is what lockstep gives for text it cannot read
    }
    MigrationScript script = MigrationScript.of(path, source, null, false);
    FileResult result = LINTER.lint(script.source(), script.plan());
    int length = source.text().length();
    for (Finding f : result.findings()) {
      assertThat(f.span().start()).isBetween(0, length);
      assertThat(f.span().end()).isBetween(f.span().start(), length);
      assertThat(f.start().line()).isBetween(1, source.lineCount());
    }
    result.syntaxErrors().forEach(e -> assertThat(e.offset()).isBetween(0, length));

    LintReport report = new LintReport(List.of(result.withFramework(script.framework().id())), List.of(), 18);
    for (String format : Reporters.names()) {
      StringBuilder out = new StringBuilder();
      Reporters.create(format).write(report, out);
      wellFormed(format, out.toString());
    }

    FixSession.Outcome fixed = FixSession.run(source, Applicability.UNSAFE,
        s -> LINTER.lint(MigrationScript.of(path, s, null, false).source(), MigrationScript.of(path, s, null, false).plan()));
    if (!result.syntaxErrors().isEmpty()) {
      assertThat(fixed.refused()).as("a file that does not parse is left alone").isNotNull();
      assertThat(fixed.text()).isEqualTo(source.text());
    } else if (fixed.refused() == null) {
      SourceFile again = SourceFile.of(path.toString(), fixed.text());
      MigrationScript s2 = MigrationScript.of(path, again, null, false);
      assertThat(LINTER.lint(s2.source(), s2.plan()).syntaxErrors()).as("fixed SQL parses").isEmpty();
      FixSession.Outcome twice = FixSession.run(again, Applicability.UNSAFE,
          s -> LINTER.lint(MigrationScript.of(path, s, null, false).source(), MigrationScript.of(path, s, null, false).plan()));
      assertThat(twice.text()).as("fixing is idempotent").isEqualTo(fixed.text());
    }
  }

  static byte[] mutate(byte[] original, List<Mutation> mutations) {
    List<Byte> b = new ArrayList<>();
    for (byte x : original) b.add(x);
    for (Mutation m : mutations) {
      int at = (int) Math.floor(m.at() * b.size());
      int end = Math.min(b.size(), at + m.length());
      switch (m.kind()) {
        case 0 -> b.subList(at, end).clear(); // delete
        case 1 -> b.addAll(end, new ArrayList<>(b.subList(at, end))); // duplicate
        case 2 -> b.subList(at, end).clear(); // truncate here
        case 3 -> { // an invalid UTF-8 byte
          if (m.trouble() % 5 == 0) b.add(at, (byte) 0xC3);
          else insert(b, at, TROUBLE[m.trouble()]);
        }
        default -> insert(b, at, TROUBLE[m.trouble()]);
      }
      if (m.kind() == 2) b.subList(Math.min(at, b.size()), b.size()).clear();
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) out[i] = b.get(i);
    return out;
  }

  private static void insert(List<Byte> b, int at, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    for (int i = t.length - 1; i >= 0; i--) b.add(at, t[i]);
  }

  private static void wellFormed(String format, String out) throws Exception {
    switch (format) {
      case "json", "gitlab" -> JSON.readTree(out);
      case "sarif" -> {
        JsonNode sarif = JSON.readTree(out);
        assertThat(sarifSchema().validate(sarif)).as("SARIF validates").isEmpty();
      }
      case "junit", "checkstyle" -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
      case "gcc" -> {
        for (String line : out.split("\n")) {
          if (!line.isEmpty()) assertThat(line).matches("^.+:\\d+:\\d+: (error|warning|note): .* \\[[a-z-]+\\]$");
        }
      }
      default -> assertThat(out).isNotNull();
    }
  }

  private static synchronized JsonSchema sarifSchema() throws Exception {
    if (sarifSchema == null) {
      try (InputStream in = FuzzPipelineTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
        sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
      }
    }
    return sarifSchema;
  }
}
