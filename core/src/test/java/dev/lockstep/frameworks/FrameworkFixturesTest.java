package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.rules.Fixture;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A small realistic migrations folder per framework (src/test/resources/frameworks/<id>/): every
 * file is detected as that framework and linted the way it runs, with the findings its
 * {@code -- expect:} markers name ({@code -- expect-skipped} for files that are not deployed).
 */
class FrameworkFixturesTest {
  static final Path ROOT = Path.of("core", "src", "test", "resources", "frameworks");
  static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), new SqlParser());

  static Stream<Path> files() throws Exception {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void detectedAndLintedAsItsFramework(Path file) throws Exception {
    String expected = ROOT.relativize(file).getName(0).toString();
    String sql = Files.readString(file);
    MigrationScript script = MigrationScript.of(file, SourceFile.of(file.toString(), sql), null, false);
    assertThat(script.framework().id()).isEqualTo(expected);
    if (sql.contains("-- expect-skipped")) {
      assertThat(script.skipped()).isNotNull();
      return;
    }
    assertThat(script.skipped()).isNull();
    FileResult result = LINTER.lint(script.source(), script.plan());
    assertThat(result.syntaxErrors()).isEmpty();
    List<String> actual = result.findings().stream().map(f -> f.ruleId() + "@" + f.start().line()).sorted().toList();
    List<String> wanted = Fixture.expectations(sql).stream().map(e -> e.ruleId() + "@" + e.line()).sorted().toList();
    assertThat(actual).isEqualTo(wanted);
  }
}
