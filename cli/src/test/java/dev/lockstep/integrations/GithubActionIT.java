package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite action's script, run as GitHub runs it on a pull request: a checkout of the PR
 * branch with origin/main as the base, the INPUT_* variables action.yml passes, and the files
 * GitHub provides for step outputs and the job summary.
 */
class GithubActionIT {
  static final Path SCRIPT = Path.of(".github", "action", "run.sh").toAbsolutePath();

  @TempDir
  Path tmp;
  Path checkout;
  Path summary;
  Path outputs;

  @BeforeEach
  void pullRequest() throws Exception {
    Shell.requireTool("git", "Debian package git");
    Path origin = tmp.resolve("origin");
    Shell.initRepo(origin);
    Files.createDirectories(origin.resolve("db/migrations"));
    // Already on main: unsafe, but not this pull request's business.
    Files.writeString(origin.resolve("db/migrations/V1__index_users.sql"), "CREATE INDEX users_email_idx ON users (email);\n");
    new Shell(origin).ok("git", "add", "-A");
    new Shell(origin).ok("git", "commit", "-q", "-m", "base");
    checkout = tmp.resolve("checkout");
    new Shell(tmp).ok("git", "clone", "-q", origin.toString(), checkout.toString());
    Shell git = new Shell(checkout);
    git.ok("git", "config", "commit.gpgsign", "false");
    git.ok("git", "checkout", "-q", "-b", "feature");
    Files.writeString(checkout.resolve("db/migrations/V2__index_orders.sql"),
        "SET lock_timeout = '2s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n");
    Files.writeString(checkout.resolve("db/migrations/V3__comment.sql"), "COMMENT ON TABLE orders IS 'orders & \"refunds\"';\n");
    git.ok("git", "add", "-A");
    git.ok("git", "commit", "-q", "-m", "feature");
    summary = tmp.resolve("summary.md");
    outputs = tmp.resolve("outputs.txt");
  }

  private Shell runner() {
    return new Shell(checkout)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_BASE_REF", "main")
        .env("GITHUB_STEP_SUMMARY", summary.toString())
        .env("GITHUB_OUTPUT", outputs.toString())
        .env("INPUT_PATHS", "db/migrations")
        .env("INPUT_CHANGED_ONLY", "true")
        .env("INPUT_CONFIG", "")
        .env("INPUT_PG_VERSION", "")
        .env("INPUT_FAIL_LEVEL", "")
        .env("INPUT_BASE_REF", "")
        .env("INPUT_SARIF_FILE", "");
  }

  @Test
  void annotatesOnlyThePullRequestsMigrationsAndFailsTheStep() throws Exception {
    Shell.Result run = runner().env("INPUT_SARIF_FILE", "lockstep.sarif").run("bash", SCRIPT.toString());
    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    List<String> commands = new ArrayList<>();
    for (String line : Shell.lines(run.output())) if (line.startsWith("::")) commands.add(line);
    assertThat(commands).containsExactly("::error file=db/migrations/V2__index_orders.sql,line=2,col=1,endLine=2,"
        + "endColumn=57,title=lockstep require-concurrent-index::CREATE INDEX on orders takes a SHARE lock for the "
        + "whole build: INSERT, UPDATE and DELETE on orders wait until it finishes"
        + "%0Ainstead: CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); …"
        + "%0Adocs: https://github.com/lockstep-dev/lockstep/blob/main/rules/require-concurrent-index.md");
    assertThat(run.output()).doesNotContain("V1__index_users.sql");
    assertThat(Files.readString(outputs)).isEqualTo("exit-code=1\n");
    assertThat(Files.readString(summary))
        .contains("| error | [`require-concurrent-index`](https://github.com/lockstep-dev/lockstep/blob/main/rules/"
            + "require-concurrent-index.md) | `db/migrations/V2__index_orders.sql:2:1` | CREATE INDEX on orders")
        .contains("| `CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); …` |");
    JsonNode sarif = new ObjectMapper().readTree(checkout.resolve("lockstep.sarif").toFile());
    assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("require-concurrent-index");
  }

  @Test
  void failLevelAndChangedOnlyInputsAreHonoured() throws Exception {
    Shell.Result run = runner().env("INPUT_FAIL_LEVEL", "error").env("INPUT_CHANGED_ONLY", "false")
        .env("INPUT_PATHS", "db/migrations/V1__index_users.sql\ndb/migrations/V3__comment.sql")
        .run("bash", SCRIPT.toString());
    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("::error file=db/migrations/V1__index_users.sql,line=1,col=1")
        .doesNotContain("V2__index_orders.sql");
    Files.writeString(checkout.resolve("lockstep.toml"), "[rules]\ndisable = [\"require-concurrent-index\"]\n");
    Shell.Result configured = runner().env("INPUT_CONFIG", "lockstep.toml").env("INPUT_FAIL_LEVEL", "error")
        .run("bash", SCRIPT.toString());
    assertThat(configured.exit()).as(configured.output()).isZero();
    assertThat(Files.readString(outputs)).endsWith("exit-code=0\n");
  }

  @Test
  void actionPassesEveryInputToTheScript() throws Exception {
    JsonNode action = new YAMLMapper().readTree(Path.of("action.yml").toFile());
    JsonNode step = null;
    for (JsonNode s : action.at("/runs/steps")) if ("lint".equals(s.path("id").asText())) step = s;
    assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
    assertThat(step.at("/run").asText()).contains(".github/action/run.sh");
    String script = Files.readString(SCRIPT);
    List<String> inputs = new ArrayList<>();
    action.get("inputs").fieldNames().forEachRemaining(inputs::add);
    for (String input : inputs) {
      if (input.equals("java-version")) continue; // used by the setup-java step
      String variable = input.equals("lockstep-jar") ? "LOCKSTEP_JAR" : "INPUT_" + input.toUpperCase().replace('-', '_');
      assertThat(step.at("/env/" + variable).asText()).isEqualTo("${{ inputs." + input + " }}");
      if (!variable.equals("LOCKSTEP_JAR")) assertThat(script).contains("${" + variable);
    }
  }
}
