package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps each rule's class, registry entry, doc and fixtures in step. */
class RuleCatalogTest {
  @Test
  void everyRuleHasItsDocFixturesAndMatchingClassName() {
    for (Rule rule : Rules.all()) {
      String id = rule.id();
      assertThat(id).matches("[a-z]+(-[a-z0-9]+)*");
      String pascal = Arrays.stream(id.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
          .collect(Collectors.joining());
      assertThat(rule.getClass().getSimpleName()).isEqualTo(pascal);
      assertThat(Path.of("rules", id + ".md")).exists();
      assertThat(RuleDocs.markdown(id)).startsWith("# " + id + "\n")
          .contains("## What it flags", "## Why it hurts", "## Use", "## Fix safety", "## Versions", "## Suppress");
      assertThat(Path.of("test-fixtures", id, "bad")).isDirectory();
      assertThat(Path.of("test-fixtures", id, "good")).isDirectory();
    }
  }

  @Test
  void everyRuleHasAtLeastThreeBadAndThreeGoodCases() throws IOException {
    for (Rule rule : Rules.all()) {
      String id = rule.id();
      long bad = 0;
      long good = 0;
      for (Fixture f : Fixture.all().filter(x -> x.ruleId().equals(id)).toList()) {
        if (f.bad()) bad += f.expectations().stream().filter(e -> e.ruleId().equals(id)).count();
        else good += dev.lockstep.parse.SqlParserTest.parse(f.sql()).statements().size();
      }
      assertThat(bad).as(id + ": bad cases").isGreaterThanOrEqualTo(3);
      assertThat(good).as(id + ": statements in good fixtures").isGreaterThanOrEqualTo(3);
    }
  }

  /** Lock facts in the docs come from the server tests' measurements: no hand-typed tables. */
  @Test
  void docsHaveNoTablesButTheMeasuredOnes() throws IOException {
    for (Rule rule : Rules.all()) {
      boolean generated = false;
      for (String line : Files.readAllLines(Path.of("rules", rule.id() + ".md"))) {
        if (line.startsWith("<!-- ") && line.endsWith(": generated, do not edit -->")) generated = true;
        if (line.startsWith("<!-- end of measured ")) generated = false;
        assertThat(generated || !line.startsWith("|")).as(rule.id() + ".md has a hand-typed table: " + line).isTrue();
      }
    }
  }

  @Test
  void registryIsSortedAndUnique() {
    List<String> ids = Rules.all().stream().map(Rule::id).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void noOrphanDocsOrFixtures() throws IOException {
    List<String> ids = Rules.all().stream().map(Rule::id).toList();
    try (Stream<Path> docs = Files.list(Path.of("rules")); Stream<Path> fixtures = Files.list(Path.of("test-fixtures"))) {
      // rules/es and rules/pt hold the translations (RuleDocTranslationsTest)
      assertThat(docs.filter(Files::isRegularFile).map(p -> p.getFileName().toString().replace(".md", ""))).allMatch(ids::contains);
      assertThat(fixtures.map(p -> p.getFileName().toString())).allMatch(ids::contains);
    }
  }
}
