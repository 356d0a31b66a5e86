package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.ReplayedMigration;
import dev.lockstep.engine.SchemaModel;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verdicts that depend on what earlier migrations did: each case replays two or three files with
 * {@link Linter#replay} and lints the last one on the model, and each has its near-miss.
 */
class HistoryVerdictsTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);

  private static SourceFile file(String path, String sql) {
    return SourceFile.of(path, sql);
  }

  private static ReplayedMigration applied(SourceFile f) {
    return new ReplayedMigration(f, TransactionPlan.whole(f.text().length(), TransactionPlan.Mode.WRAPPED), false);
  }

  private static ReplayedMigration pending(SourceFile f) {
    return new ReplayedMigration(f, TransactionPlan.whole(f.text().length(), TransactionPlan.Mode.WRAPPED), true);
  }

  /** "rule@line:column" of every finding, in report order. */
  private static List<String> findings(SchemaModel before, SourceFile file) {
    FileResult r = LINTER.lint(file, TransactionPlan.whole(file.text().length(), TransactionPlan.Mode.WRAPPED), before);
    assertThat(r.syntaxErrors()).isEmpty();
    List<String> out = new ArrayList<>();
    for (Finding f : r.findings()) out.add(f.ruleId() + "@" + f.start().line() + ":" + f.start().column());
    return out;
  }

  private static final SourceFile V2_CHECK = file("db/migration/V2__email_check.sql",
      "SET lock_timeout = '2s';\n"
          + "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;\n");
  private static final SourceFile V3_VALIDATE = file("db/migration/V3__validate.sql",
      "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;\n");
  private static final SourceFile V4_SET_NOT_NULL = file("db/migration/V4__email_not_null.sql",
      "SET lock_timeout = '2s';\n"
          + "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n");

  @Test
  void setNotNullAfterACheckValidatedInAnEarlierMigrationIsClean() {
    SchemaModel before = LINTER.replay(List.of(applied(V2_CHECK), applied(V3_VALIDATE)));
    assertThat(before.problems()).isEmpty();
    assertThat(findings(before, V4_SET_NOT_NULL)).isEmpty();
  }

  @Test
  void setNotNullAfterACheckNeverValidatedStillFlags() {
    SchemaModel before = LINTER.replay(List.of(applied(V2_CHECK)));
    assertThat(findings(before, V4_SET_NOT_NULL)).containsExactly("require-check-for-set-not-null@2:1");
  }

  @Test
  void setNotNullAloneStillFlags() {
    assertThat(findings(SchemaModel.empty(), V4_SET_NOT_NULL)).containsExactly("require-check-for-set-not-null@2:1");
  }

  @Test
  void setNotNullOnAColumnCheckedOnAnotherColumnStillFlags() {
    SourceFile other = file("V4__name.sql", "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN name SET NOT NULL;\n");
    SchemaModel before = LINTER.replay(List.of(applied(V2_CHECK), applied(V3_VALIDATE)));
    assertThat(findings(before, other)).containsExactly("require-check-for-set-not-null@2:1");
  }

  private static final SourceFile V1_INVOICES = file("db/migration/V1__invoices.sql",
      "CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric(10,2), note varchar(50), body text);\n");

  private static SourceFile alter(String change) {
    return file("db/migration/V5__change.sql", "SET lock_timeout = '2s';\nALTER TABLE invoices ALTER COLUMN " + change + ";\n");
  }

  @Test
  void wideningAgainstTheDeclaredTypeIsClean() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_INVOICES)));
    assertThat(findings(before, alter("amount TYPE numeric(12,2)"))).isEmpty();
    assertThat(findings(before, alter("amount TYPE numeric"))).isEmpty();
    assertThat(findings(before, alter("note TYPE varchar(200)"))).isEmpty();
    assertThat(findings(before, alter("note TYPE text"))).isEmpty();
    assertThat(findings(before, alter("body TYPE varchar"))).isEmpty();
  }

  @Test
  void narrowingOrAScaleChangeAgainstTheDeclaredTypeIsARewrite() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_INVOICES)));
    FileResult narrowing = LINTER.lint(alter("note TYPE varchar(20)"),
        TransactionPlan.whole(80, TransactionPlan.Mode.WRAPPED), before);
    assertThat(narrowing.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("ban-column-type-change");
      assertThat(f.severity().name()).isEqualTo("ERROR");
      assertThat(f.start().line()).isEqualTo(2);
      assertThat(f.message()).contains("narrows varchar(50) (declared at V1__invoices.sql)");
    });
    FileResult scale = LINTER.lint(alter("amount TYPE numeric(12,3)"),
        TransactionPlan.whole(80, TransactionPlan.Mode.WRAPPED), before);
    assertThat(scale.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity().name()).isEqualTo("ERROR");
      assertThat(f.message()).contains("changes the scale of numeric(10,2)");
    });
    assertThat(findings(before, alter("amount TYPE numeric(8,2)"))).containsExactly("ban-column-type-change@2:1");
    assertThat(findings(before, alter("body TYPE varchar(10)"))).containsExactly("ban-column-type-change@2:1");
  }

  @Test
  void aTypeTheHistoryDoesNotDeclareKeepsTheHedgedWarning() {
    FileResult r = LINTER.lint(alter("amount TYPE numeric(12,2)"),
        TransactionPlan.whole(80, TransactionPlan.Mode.WRAPPED), SchemaModel.empty());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity().name()).isEqualTo("WARNING");
      assertThat(f.message()).contains("unless it only widens");
    });
  }

  @Test
  void aTableOfAPendingMigrationIsNewAndOfAnAppliedOneLive() {
    SourceFile index = file("V6__index.sql", "SET lock_timeout = '2s';\nCREATE INDEX invoices_amount ON invoices (amount);\n");
    assertThat(findings(LINTER.replay(List.of(pending(V1_INVOICES))), index)).isEmpty();
    assertThat(findings(LINTER.replay(List.of(applied(V1_INVOICES))), index))
        .containsExactly("require-concurrent-index@2:1");
  }

  @Test
  void aStatementThatDoesNotParseInTheHistoryIsReportedWithItsPlace() {
    SourceFile broken = file("db/migration/V2__broken.sql", "CREATE TABLE ok (id int);\nCREAT TABLE nope (id int);\n");
    SchemaModel model = LINTER.replay(List.of(applied(V1_INVOICES), applied(broken)));
    assertThat(model.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("db/migration/V2__broken.sql");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(1);
      assertThat(p.message()).contains("syntax error");
    });
    assertThat(model.table(new dev.lockstep.engine.ObjectName(null, "ok"))).isPresent();
  }

  @Test
  void theReplayedModelIsFrozenAndReusable() {
    SchemaModel before = LINTER.replay(List.of(applied(V1_INVOICES)));
    assertThat(before.frozen()).isTrue();
    // a lint that creates and alters objects works on its own copy
    findings(before, file("V7.sql", "CREATE TABLE other (id int);\nALTER TABLE invoices DROP COLUMN note;\n"));
    assertThat(before.table(new dev.lockstep.engine.ObjectName("public", "other"))).isEmpty();
    assertThat(before.table(new dev.lockstep.engine.ObjectName("public", "invoices")).orElseThrow().column("note"))
        .isPresent();
  }
}
