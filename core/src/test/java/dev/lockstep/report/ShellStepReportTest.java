package dev.lockstep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rewrite step that is a command line (pg_repack) is marked as such, not passed off as SQL. */
class ShellStepReportTest {
  private static LintReport report() {
    Linter linter = new Linter(Rules.all(), LintOptions.defaults(), new SqlParser());
    return new LintReport(List.of(linter.lint(SourceFile.of("db/V9__vacuum.sql",
        "SET lock_timeout = '2s';\nVACUUM FULL orders;\n"))), List.of(), 18);
  }

  @Test
  void jsonMarksTheCommandLineAndStillMatchesItsSchema() throws Exception {
    StringBuilder out = new StringBuilder();
    Reporters.create("json").write(report(), out);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    JsonNode steps = json.at("/findings/0/rewrite/steps");
    assertThat(steps.get(0).has("shell")).isFalse();
    assertThat(steps.get(1).get("shell").asBoolean()).isTrue();
    assertThat(steps.get(1).get("sql").asText())
        .isEqualTo("pg_repack --table=orders --no-order --wait-timeout=60 --no-kill-backend");
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("docs", "json-schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    assertThat(schema.validate(json)).isEmpty();
  }

  @Test
  void textLabelsTheCommandLineWithAShellComment() throws Exception {
    StringBuilder out = new StringBuilder();
    new TextReporter(false).write(report(), out);
    assertThat(out.toString()).contains("      -- once per database, as a superuser, its own transaction\n"
        + "      CREATE EXTENSION IF NOT EXISTS pg_repack;\n"
        + "      # shell command, connected by the PGHOST, PGPORT, PGDATABASE and PGUSER variables\n"
        + "      pg_repack --table=orders --no-order --wait-timeout=60 --no-kill-backend\n");
  }
}
