package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.RuleInfo;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.Fixer;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixtureTest {
  static final SqlParser PARSER = new SqlParser();

  static Stream<Fixture> fixtures() throws IOException {
    return Fixture.all();
  }

  static FileResult lint(Fixture f, String sql) {
    Linter linter = new Linter(Rules.all(), f.options(), PARSER);
    SourceFile source = SourceFile.of(f.path().toString(), sql);
    if (!sql.startsWith("--liquibase formatted sql")) return linter.lint(source);
    // a changeset is linted as Liquibase runs it
    MigrationScript script = MigrationScript.of(f.path(), source, Framework.LIQUIBASE, false);
    return linter.lint(script.source(), script.plan());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void findingsMatchTheMarkers(Fixture f) {
    FileResult result = lint(f, f.sql());
    assertThat(result.syntaxErrors()).as("fixtures are valid SQL").isEmpty();
    if (f.bad()) {
      assertThat(f.expectations()).as("a bad fixture expects findings").isNotEmpty();
      assertThat(f.expectations()).as("a bad fixture expects its own rule")
          .anyMatch(e -> e.ruleId().equals(f.ruleId()));
    } else {
      assertThat(f.expectations()).as("good fixtures carry no markers").isEmpty();
    }

    List<Finding> unmatched = new ArrayList<>(result.findings());
    for (Fixture.Expectation e : f.expectations()) {
      Finding match = unmatched.stream().filter(x -> matches(e, x)).findFirst().orElse(null);
      assertThat(match).as("expected %s; findings: %s", e, describe(result.findings())).isNotNull();
      unmatched.remove(match);
    }
    assertThat(describe(unmatched)).as("findings without a marker").isEmpty();

    for (Finding finding : result.findings()) { // fixes agree with what each rule declares
      var declared = Rules.byId(finding.ruleId()).orElseThrow().info().fix();
      if (declared == RuleInfo.FixAvailability.NONE) assertThat(finding.fixes()).as(finding.ruleId()).isEmpty();
      if (declared == RuleInfo.FixAvailability.ALWAYS) assertThat(finding.fixes()).as(finding.ruleId()).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void safeFixesGiveTheExpectedTextAndAreIdempotent(Fixture f) {
    FileResult result = lint(f, f.sql());
    String fixed = Fixer.apply(f.sql(), result.findings(), Applicability.SAFE);
    assertThat(fixed).isEqualTo(f.fixed().orElse(f.sql())); // no .fixed.sql: no safe fix applies
    FileResult again = lint(f, fixed);
    assertThat(again.syntaxErrors()).isEmpty();
    assertThat(Fixer.apply(fixed, again.findings(), Applicability.SAFE)).isEqualTo(fixed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void unsafeFixesGiveTheExpectedText(Fixture f) {
    if (f.unsafeFixed().isEmpty()) return;
    FileResult result = lint(f, f.sql());
    String fixed = Fixer.apply(f.sql(), result.findings(), Applicability.UNSAFE);
    assertThat(fixed).isEqualTo(f.unsafeFixed().get());
    assertThat(lint(f, fixed).syntaxErrors()).as("unsafe fixes keep the SQL valid").isEmpty();
  }

  private static boolean matches(Fixture.Expectation e, Finding f) {
    return f.ruleId().equals(e.ruleId()) && f.start().line() == e.line()
        && (e.column() == null || f.start().column() == e.column())
        && (e.fragment() == null || f.message().contains(e.fragment()));
  }

  private static List<String> describe(List<Finding> findings) {
    return findings.stream().map(f -> f.ruleId() + " at " + f.start() + ": " + f.message()).toList();
  }
}
