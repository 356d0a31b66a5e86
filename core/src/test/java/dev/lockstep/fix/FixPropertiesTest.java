package dev.lockstep.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties every fix must keep on real migrations (the shared corpus and the rule fixtures), at
 * both levels: the result parses, the session settles, fixing twice changes nothing, no statement
 * disappears, statements no fix touched keep their exact text, and no fixed finding comes back.
 */
class FixPropertiesTest {
  static final SqlParser PARSER = new SqlParser();
  static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), PARSER);

  @Test
  void fixesKeepRealMigrationsValidAndAreIdempotent() throws Exception {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of("..", "shared", "corpus"), Path.of("test-fixtures"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThan(3000);

    int fixedFiles = 0;
    for (Path file : files) {
      SourceFile source;
      try {
        source = SourceFile.decode(file.toString(), Files.readAllBytes(file));
      } catch (InputException unreadable) {
        continue;
      }
      if (MigrationScript.of(file, source, null, false).skipped() != null) continue;
      // each text is linted once: the sessions and the checks below ask for the same versions again
      Map<String, FileResult> lints = new HashMap<>();
      Function<SourceFile, FileResult> lint = s -> lints.computeIfAbsent(s.text(), t -> lint(file, s));
      FileResult first = lint.apply(source);
      if (!first.syntaxErrors().isEmpty()) continue; // fix refuses these; FixCommandTest covers that
      for (Applicability level : List.of(Applicability.SAFE, Applicability.UNSAFE)) {
        FixSession.Outcome outcome = FixSession.run(source, level, lint);
        String name = file + " at " + level;
        assertThat(outcome.refused()).as(name).isNull();
        if (outcome.text().equals(source.text())) continue;
        fixedFiles++;
        SourceFile fixed = SourceFile.of(file.toString(), outcome.text());
        FixSession.Outcome again = FixSession.run(fixed, level, lint);
        assertThat(again.rounds()).as(name + " is idempotent").isZero();
        assertThat(again.text()).as(name).isEqualTo(outcome.text());
        keepsUntouchedStatements(name, file, first, outcome.text(), level);
        FileResult last = lint.apply(fixed);
        Set<String> remaining = last.findings().stream().map(f -> key(last, f)).collect(Collectors.toSet());
        for (Finding f : first.findings()) {
          if (f.fixes().stream().anyMatch(x -> x.applicability().compareTo(level) >= 0 && !x.edits().isEmpty())) {
            assertThat(remaining).as(name + ": the fix resolves " + f.ruleId() + " at " + f.start()).doesNotContain(key(first, f));
          }
        }
      }
    }
    assertThat(fixedFiles).as("the corpus exercises fixes").isGreaterThan(500);
  }

  private static FileResult lint(Path file, SourceFile source) {
    MigrationScript script = MigrationScript.of(file, source, null, false);
    return LINTER.lint(script.source(), script.plan());
  }

  /** A finding by rule, message and the statement text it points at, so it is found again after edits shift it. */
  private static String key(FileResult result, Finding f) {
    return f.ruleId() + "\0" + f.message() + "\0" + result.source().text(f.span()).replaceAll("\\s+", " ");
  }

  /** Fixes insert or rewrite; they never drop a statement, and leave statements they do not edit alone. */
  private static void keepsUntouchedStatements(String name, Path file, FileResult before, String fixed, Applicability level) {
    List<Statement> statements = PARSER.parse(before.source()).statements();
    List<Statement> after = PARSER.parse(
        MigrationScript.of(file, SourceFile.of(file.toString(), fixed), null, false).source()).statements();
    assertThat(after.size()).as(name + " keeps every statement").isGreaterThanOrEqualTo(statements.size());
    List<TextEdit> edits = new ArrayList<>();
    for (Finding f : before.findings()) {
      f.fixes().stream().filter(x -> x.applicability().compareTo(level) >= 0)
          .forEach(x -> edits.addAll(x.edits()));
    }
    for (Statement s : statements) {
      boolean edited = edits.stream().anyMatch(e -> e.start() <= s.span().end() && e.end() >= s.span().start());
      if (!edited) assertThat(fixed).as(name + ": statement " + s.index() + " keeps its text").contains(s.text());
    }
  }
}
