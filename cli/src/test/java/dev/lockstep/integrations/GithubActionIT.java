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
 * The composite action's scripts, run as GitHub runs them on a pull request: a checkout of the PR
 * branch with origin/main as the base, the INPUT_* variables action.yml passes, and the files
 * GitHub provides for step outputs and the job summary.
 */
class GithubActionIT {
  static final Path SCRIPT = Path.of(".github", "action", "run.sh").toAbsolutePath();
  static final Path INSTALL = Path.of(".github", "action", "install.sh").toAbsolutePath();

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
  void actionPassesEveryInputToTheStepThatUsesIt() throws Exception {
    JsonNode action = new YAMLMapper().readTree(Path.of("action.yml").toFile());
    assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
    java.util.Map<String, JsonNode> steps = new java.util.HashMap<>();
    for (JsonNode s : action.at("/runs/steps")) steps.put(s.path("id").asText(s.path("uses").asText()), s);
    assertThat(steps.get("lint").at("/run").asText()).contains(".github/action/run.sh");
    assertThat(steps.get("lint").at("/env/LOCKSTEP_JAR").asText()).isEqualTo("${{ steps.install.outputs.jar }}");
    assertThat(steps.get("actions/cache@v4").at("/with/path").asText()).isEqualTo("${{ steps.release.outputs.dir }}");
    assertThat(steps.get("actions/cache@v4").at("/with/key").asText()).isEqualTo("lockstep-jar-${{ steps.release.outputs.version }}");
    assertThat(steps.get("actions/setup-java@v4").at("/with/java-version").asText()).isEqualTo("${{ inputs.java-version }}");
    String script = Files.readString(SCRIPT);
    String install = Files.readString(INSTALL);
    List<String> inputs = new ArrayList<>();
    action.get("inputs").fieldNames().forEachRemaining(inputs::add);
    assertThat(inputs).contains("version", "jar");
    for (String input : inputs) {
      if (input.equals("java-version")) continue;
      String variable = "INPUT_" + input.toUpperCase().replace('-', '_');
      if (input.equals("version") || input.equals("jar")) {
        for (String step : List.of("release", "install")) {
          assertThat(steps.get(step).at("/env/" + variable).asText()).isEqualTo("${{ inputs." + input + " }}");
        }
        assertThat(install).contains("${" + variable);
      } else {
        assertThat(steps.get("lint").at("/env/" + variable).asText()).isEqualTo("${{ inputs." + input + " }}");
        assertThat(script).contains("${" + variable);
      }
    }
  }

  /** The action's install steps, with a release folder on disk standing in for the release's download URL. */
  private Shell installer(Path releases, Path cache) {
    return runner().env("LOCKSTEP_RELEASES", releases.toUri().toString().replaceAll("/$", ""))
        .env("INSTALL_DIR", cache.toString()).env("RUNNER_TOOL_CACHE", tmp.resolve("toolcache").toString())
        .env("INPUT_JAR", "").env("INPUT_VERSION", "").env("ACTION_REF", "v9.9.9").unset("LOCKSTEP_JAR");
  }

  private Path release(String version, String jarName, String sumsName) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("releases").resolve("v" + version));
    Files.copy(Shell.JAR, dir.resolve(jarName));
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Shell.JAR)));
    Files.writeString(dir.resolve("SHA256SUMS"), "0000  lockstep-linux-x64-" + version + ".tgz\n" + sha + "  " + sumsName + "\n");
    return dir.getParent();
  }

  @Test
  void theReleaseJarOfTheActionsTagIsDownloadedCheckedCachedAndRun() throws Exception {
    Shell.requireTool("curl", "Debian package curl");
    Path releases = release("9.9.9", "lockstep-9.9.9.jar", "lockstep-9.9.9.jar");
    Path cache = tmp.resolve("toolcache/lockstep/9.9.9");
    Shell.Result resolve = installer(releases, cache).run("bash", INSTALL.toString(), "resolve");
    assertThat(resolve.exit()).as(resolve.output()).isZero();
    assertThat(Files.readString(outputs)).isEqualTo("version=9.9.9\ndir=" + cache + "\n");
    Files.delete(outputs);
    Shell.Result fetch = installer(releases, cache).run("bash", INSTALL.toString(), "fetch");
    assertThat(fetch.exit()).as(fetch.output()).isZero();
    Path jar = cache.resolve("lockstep-9.9.9.jar");
    assertThat(Files.readString(outputs)).isEqualTo("jar=" + jar + "\n");
    assertThat(Files.mismatch(jar, Shell.JAR)).isEqualTo(-1L);
    // What actions/cache restored is used as it is: the release is not asked again.
    deleteTree(releases);
    Files.delete(outputs);
    assertThat(installer(releases, cache).run("bash", INSTALL.toString(), "fetch").exit()).isZero();
    assertThat(Files.readString(outputs)).isEqualTo("jar=" + jar + "\n");
    Files.delete(outputs);
    Shell.Result lint = runner().env("LOCKSTEP_JAR", jar.toString()).run("bash", SCRIPT.toString());
    assertThat(lint.exit()).as(lint.output()).isEqualTo(1);
    assertThat(lint.output()).contains("::error file=db/migrations/V2__index_orders.sql,line=2,col=1");
    awaitBackgroundCache(cache);
  }

  /**
   * On Java 25 the launcher trains its start-up cache next to the jar in a background job after the
   * run (guarded by a {@code .lock} folder); the temporary folder can be deleted only once it is done.
   */
  private static void awaitBackgroundCache(Path dir) throws Exception {
    for (int i = 0; i < 1200; i++) {
      try (var files = Files.list(dir)) {
        if (files.noneMatch(f -> f.getFileName().toString().endsWith(".lock"))) return;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aJarThatDoesNotMatchItsChecksumIsRefusedAndNotCached() throws Exception {
    Shell.requireTool("curl", "Debian package curl");
    Path releases = release("9.9.9", "lockstep-9.9.9.jar", "lockstep-9.9.9.jar");
    Files.write(releases.resolve("v9.9.9/lockstep-9.9.9.jar"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    Path cache = tmp.resolve("cache");
    Shell.Result fetch = installer(releases, cache).run("bash", INSTALL.toString(), "fetch");
    assertThat(fetch.exit()).isEqualTo(2);
    assertThat(fetch.output()).contains("::error title=lockstep::lockstep-9.9.9.jar from " + releases.toUri().toString().replaceAll("/$", "")
        + "/v9.9.9 does not match its SHA-256 in SHA256SUMS");
    assertThat(cache).doesNotExist();
    assertThat(outputs).doesNotExist();

    Path other = release("9.9.8", "lockstep-9.9.8.jar", "lockstep.jar");
    Shell.Result unlisted = installer(other, cache).env("INPUT_VERSION", "v9.9.8").run("bash", INSTALL.toString(), "fetch");
    assertThat(unlisted.exit()).isEqualTo(2);
    assertThat(unlisted.output()).contains("SHA256SUMS has no line for lockstep-9.9.8.jar");
    Shell.Result missing = installer(other, cache).env("INPUT_VERSION", "9.9.7").run("bash", INSTALL.toString(), "fetch");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.output()).contains("could not download " + other.toUri().toString().replaceAll("/$", "") + "/v9.9.7/lockstep-9.9.7.jar");
  }

  @Test
  void aLocalJarIsRunAsItIsAndABranchRefNeedsAVersion() throws Exception {
    Path cache = tmp.resolve("cache");
    Path releases = tmp.resolve("none");
    assertThat(installer(releases, cache).env("INPUT_JAR", Shell.JAR.toString()).run("bash", INSTALL.toString(), "resolve").exit()).isZero();
    assertThat(installer(releases, cache).env("INPUT_JAR", Shell.JAR.toString()).run("bash", INSTALL.toString(), "fetch").exit()).isZero();
    assertThat(Files.readString(outputs)).isEqualTo("version=\ndir=\njar=" + Shell.JAR + "\n");

    Shell.Result missingJar = installer(releases, cache).env("INPUT_JAR", "build/nope.jar").run("bash", INSTALL.toString(), "fetch");
    assertThat(missingJar.exit()).isEqualTo(2);
    assertThat(missingJar.output()).contains("::error title=lockstep::jar: build/nope.jar is not a file");

    Shell.Result branch = installer(releases, cache).env("ACTION_REF", "main").run("bash", INSTALL.toString(), "resolve");
    assertThat(branch.exit()).isEqualTo(2);
    assertThat(branch.output()).contains("set the action's 'version' input (a lockstep release such as 0.1.0) or its 'jar' input: "
        + "it runs from 'main', not a release tag");
    Shell.Result bad = installer(releases, cache).env("INPUT_VERSION", "latest; rm -rf /").run("bash", INSTALL.toString(), "resolve");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.output()).contains("version 'latest; rm -rf /' is not a lockstep release version");

    Files.delete(outputs);
    Shell.Result noJar = runner().unset("LOCKSTEP_JAR").run("bash", SCRIPT.toString());
    assertThat(noJar.exit()).isEqualTo(2);
    assertThat(noJar.output()).contains("::error title=lockstep::no lockstep.jar to run");
    assertThat(Files.readString(outputs)).isEqualTo("exit-code=2\n");
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
