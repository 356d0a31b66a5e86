package dev.lockstep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.parse.Statement;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules run inside the file's deadline too: a slow rule phase stops, and the file is not checked. */
class RulesDeadlineTest {
  /** Takes 20 ms a statement and flags each one; says at the end of the file that it saw all of it. */
  @RuleInfo(id = "slow-rule", title = "A rule that takes its time", severity = Severity.WARNING)
  static final class SlowRule implements Rule {
    @Override
    public void check(Statement statement, MigrationContext context, Findings out) {
      long until = System.nanoTime() + 20_000_000L;
      while (System.nanoTime() < until) Thread.onSpinWait();
      out.report(this, statement).message("slow");
    }

    boolean sawWholeFile;

    @Override
    public void checkFile(MigrationContext context, Findings out) {
      sawWholeFile = true;
    }
  }

  @Test
  void aSlowRulePhaseStopsAtTheDeadlineAndSaysTheRestWasNotChecked() {
    String sql = "SELECT 1;\n".repeat(100); // 2 s of rules
    SlowRule rule = new SlowRule();
    Linter linter = new Linter(List.of(rule), LintOptions.defaults());
    SourceFile source = SourceFile.of("slow.sql", sql);
    linter.lint(SourceFile.of("warm.sql", "SELECT 1;")); // the parser's first start is not part of the 300 ms
    assertThat(rule.sawWholeFile).isTrue();
    rule.sawWholeFile = false;
    long start = System.nanoTime();
    FileResult r = Deadline.within(300, () -> linter.lint(source));
    assertThat((System.nanoTime() - start) / 1_000_000).as("stopped near the limit").isLessThan(1_500);

    assertThat(r.syntaxErrors()).hasSize(1);
    SyntaxError stop = r.syntaxErrors().get(0);
    assertThat(stop.stoppedParsing()).isTrue();
    assertThat(stop.message()).isEqualTo("checking stopped here: the file took longer than max-parse-time; the rest of "
        + "the file was not checked (raise max-parse-time to check it)");
    int checked = r.findings().size();
    assertThat(checked).isBetween(1, 99);
    assertThat(source.position(stop.offset()).line()).isEqualTo(checked + 1);
    assertThat(rule.sawWholeFile).as("the file's rules do not judge a part as the whole").isFalse();
  }
}
