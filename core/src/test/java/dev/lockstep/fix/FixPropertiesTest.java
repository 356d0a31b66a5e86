package dev.lockstep.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import dev.lockstep.split.SplitPlan;
import dev.lockstep.split.SplitRefused;
import dev.lockstep.split.Splitter;
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
    for (Path root : List.of(Path.of("corpus"), Path.of("test-fixtures"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThan(3000);

    int fixedFiles = 0;
    int splitFiles = 0;
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
        if (level == Applicability.UNSAFE && splitKeepsEveryStatement(name, file, fixed, last)) splitFiles++;
        Set<String> remaining = last.findings().stream().map(f -> key(last, f)).collect(Collectors.toSet());
        for (Finding f : first.findings()) {
          if (f.fixes().stream().anyMatch(x -> x.applicability().compareTo(level) >= 0 && !x.edits().isEmpty())) {
            assertThat(remaining).as(name + ": the fix resolves " + f.ruleId() + " at " + f.start()).doesNotContain(key(first, f));
          }
        }
      }
    }
    assertThat(fixedFiles).as("the corpus exercises fixes").isGreaterThan(500);
    assertThat(splitFiles).as("the corpus exercises --split").isGreaterThan(50);
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
      // the statement with the comments before it: edits insert before a statement's comments or after them
      int from = s.leadingComments().isEmpty() ? s.span().start() : s.leadingComments().get(0).span().start();
      boolean edited = edits.stream().anyMatch(e -> e.start() <= s.span().end() && e.end() >= from);
      String chunk = before.source().text().substring(from, s.span().end());
      if (!edited) assertThat(fixed).as(name + ": statement " + s.index() + " keeps its text and comments").contains(chunk);
    }
  }

  /**
   * --split on the fixed text: the rest and every new migration parse, no statement is lost, and
   * the findings that moved are gone from the rest.
   */
  private static boolean splitKeepsEveryStatement(String name, Path file, SourceFile fixed, FileResult result) {
    MigrationScript script = MigrationScript.of(file, fixed, null, false);
    SplitPlan plan;
    try {
      plan = Splitter.plan(file, script, result);
    } catch (SplitRefused refused) {
      return false;
    }
    if (!plan.changes(fixed.text())) return false;
    FileResult rest = lint(file, SourceFile.of(file.toString(), plan.originalText()));
    assertThat(rest.syntaxErrors()).as(name + " split: the rest parses").isEmpty();
    int statements = PARSER.parse(script.source()).statements().size();
    int kept = PARSER.parse(MigrationScript.of(file, rest.source(), null, false).source()).statements().size();
    int moved = 0;
    for (SplitPlan.NewFile f : plan.files()) {
      if (!f.path().toString().endsWith(".sql")) continue;
      ParsedFile parsed = PARSER.parse(SourceFile.of(f.path().toString(), f.text()));
      assertThat(parsed.errors()).as(name + " split: " + f.path() + " parses").isEmpty();
      moved += parsed.statements().size();
    }
    assertThat(kept + moved).as(name + " split keeps every statement").isGreaterThanOrEqualTo(statements);
    Set<String> remaining = rest.findings().stream().map(f -> key(rest, f)).collect(Collectors.toSet());
    for (Finding f : result.findings()) {
      if (f.relocation() == null || !plan.moved().contains(f.relocation()) || !f.relocation().edits().stream().allMatch(e -> e.text().isEmpty())) {
        continue; // kept in place, or only NOT VALID added (its finding is gone then too, but under another key)
      }
      assertThat(remaining).as(name + " split moves " + f.ruleId() + " at " + f.start()).doesNotContain(key(result, f));
    }
    return true;
  }
}
