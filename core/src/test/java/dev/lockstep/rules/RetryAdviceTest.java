package dev.lockstep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.engine.TransactionPlan;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.rules.support.RetryAdvice;
import dev.lockstep.source.SourceFile;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** require-lock-timeout and ban-high-lock-timeout say how to retry with the tool the file belongs to. */
class RetryAdviceTest {
  private static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), FixtureTest.PARSER);

  private static String advice(String path, String sql, String rule) {
    MigrationScript script = MigrationScript.of(Path.of(path), SourceFile.of(path, sql), null, false);
    FileResult r = LINTER.lint(script.source(), script.plan());
    Finding f = r.findings().stream().filter(x -> x.ruleId().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " in " + r.findings()));
    return f.rewrite().summary();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "db/migration/V3__note.sql|flyway migrate again",
      "db/changelog/003_note.sql|liquibase update resumes",
      "drizzle/0003_note.sql|drizzle-kit migrate",
      "prisma/migrations/20240101000000_note/migration.sql|prisma migrate resolve --rolled-back",
      "migrations/003_note.up.sql|migrate force",
      "sql/003_note.sql|psql --single-transaction",
      "node-pg-migrate/1717000000000_note.sql|node-pg-migrate up again",
      "postgres-migrations/3_note.sql|postgres-migrations runs each file"})
  void theRewriteSaysHowToRetryWithTheFilesTool(String path, String expected) {
    String sql = path.contains("changelog") ? "--liquibase formatted sql\n--changeset a:1\n"
        : path.startsWith("node-pg-migrate") ? "-- Up Migration\n"
        : path.startsWith("postgres-migrations") ? "-- postgres-migrations disable-transaction\n" : "";
    sql += "ALTER TABLE accounts ADD COLUMN note text;\n";
    if (path.startsWith("drizzle")) sql += "--> statement-breakpoint\nALTER TABLE accounts ADD COLUMN memo text;\n";
    assertThat(advice(path, sql, "require-lock-timeout")).startsWith("Set a short lock_timeout").contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-- +goose Up\\n|goose up again",
      "-- migrate:up\\n|dbmate up again"})
  void markersPickTheirToolsAdvice(String marker, String expected) {
    String sql = marker.replace("\\n", "\n") + "SET lock_timeout = '5min';\nALTER TABLE accounts ADD COLUMN note text;\n";
    assertThat(advice("db/migrations/20240101_note.sql", sql, "ban-high-lock-timeout")).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TransactionPlan.Tool.class,
      names = {"FLYWAY", "LIQUIBASE", "DRIZZLE", "PRISMA", "GOOSE", "DBMATE", "GOLANG_MIGRATE", "SQITCH", "NODE_PG_MIGRATE",
          "POSTGRES_MIGRATIONS", "PLAIN"})
  void everyToolHasItsOwnAdvice(TransactionPlan.Tool tool) {
    String advice = RetryAdvice.forTool(tool);
    if (tool != TransactionPlan.Tool.PLAIN) assertThat(advice).isNotEqualTo(RetryAdvice.PLAIN);
    assertThat(advice).contains("55P03").doesNotContain("%");
  }
}
