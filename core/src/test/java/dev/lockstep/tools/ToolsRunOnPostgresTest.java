package dev.lockstep.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.FileResult;
import dev.lockstep.engine.Finding;
import dev.lockstep.engine.LintOptions;
import dev.lockstep.engine.Linter;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.FixSession;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.pg.PostgresServer;
import dev.lockstep.rules.Rules;
import dev.lockstep.source.SourceFile;
import dev.lockstep.split.SplitPlan;
import dev.lockstep.split.SplitRefused;
import dev.lockstep.split.Splitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockstep's verdicts checked against the migration tools themselves: every example project of
 * the Node-installable tools, as written, after {@code fix --unsafe-fixes}, and after
 * {@code fix --unsafe-fixes --split}, is linted and then run by the real tool with its default
 * settings on a real PostgreSQL (Drizzle also on PGlite). What lockstep calls clean must apply;
 * what it says fails must fail with the error it names. The runs are docs/frameworks.md's tables
 * (-Dlockstep.updateDocs=true rewrites them).
 */
class ToolsRunOnPostgresTest {
  /** One major keeps CI short; the lock facts are checked on every major elsewhere. */
  static final int MAJOR = 17;
  static final Path DOC = Path.of("docs", "frameworks.md");
  static final Path PROJECTS = Path.of("core", "src", "test", "resources", "projects");
  /** The rules whose finding says the migration fails, and the words of PostgreSQL's error. */
  static final Map<String, String> FAILS = Map.of(
      "ban-concurrently-in-transaction", "cannot run inside a transaction block",
      "ban-enum-value-use-in-transaction", "unsafe use of new value");
  /** The same for a finding that says the failure comes from a tool's driver. */
  static final Map<String, String> DBMATE_FAILS = Map.of("ban-nested-transaction", "unexpected transaction status idle");

  /** A project and the tool that runs its migrations folder. */
  record Case(String tool, String runner, Path project, String migrations) {
    String name() {
      Path root = Path.of("").toAbsolutePath();
      return root.relativize(project.toAbsolutePath()).toString().replace('\\', '/');
    }
  }

  static List<Case> cases() {
    Path examples = Path.of("examples");
    Path drizzleOut = PROJECTS.resolve("drizzle-custom-out");
    Path drizzleMixed = PROJECTS.resolve("drizzle-mixed");
    return List.of(
        new Case("drizzle", "drizzle-pg", examples.resolve("drizzle"), "drizzle"),
        new Case("drizzle", "drizzle-pglite", examples.resolve("drizzle"), "drizzle"),
        new Case("drizzle", "drizzle-pg", drizzleOut, "src/db/migrations"),
        new Case("drizzle", "drizzle-pglite", drizzleOut, "src/db/migrations"),
        new Case("drizzle", "drizzle-pg", drizzleMixed, "drizzle"),
        new Case("drizzle", "drizzle-pglite", drizzleMixed, "drizzle"),
        new Case("dbmate", "dbmate", examples.resolve("dbmate"), "."),
        new Case("node-pg-migrate", "node-pg-migrate", examples.resolve("node-pg-migrate"), "migrations"),
        new Case("node-pg-migrate", "node-pg-migrate", PROJECTS.resolve("node-pg-migrate-index"), "migrations"),
        new Case("postgres-migrations", "postgres-migrations", examples.resolve("postgres-migrations"), "migrations"),
        new Case("postgres-migrations", "postgres-migrations", PROJECTS.resolve("postgres-migrations-middle"), "migrations"));
  }

  enum Variant {
    AS_WRITTEN("as written"), FIXED("fix --unsafe-fixes"), SPLIT("fix --unsafe-fixes --split");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  /** What lockstep says of a folder: null when it will apply, else the rule and the error it names. */
  record Verdict(String rule, String error, String file) {
    String describe() {
      return rule == null ? "applies" : "fails: " + error + " (`" + rule + "`, " + file + ")";
    }
  }

  /** A copy of a project, rewritten as the variant says, with lockstep's verdict (or why it refused). */
  record Prepared(Case c, Variant variant, Path folder, Verdict predicted, String refusal) {}

  record Run(Case c, Variant variant, String toolVersion, Verdict predicted, boolean ok, String output) {
    boolean agrees() {
      return predicted.rule() == null ? ok : !ok && output.contains(predicted.error());
    }
  }

  static final Linter LINTER = new Linter(Rules.all(), LintOptions.defaults(), new SqlParser());

  @TempDir
  Path temp;

  @Test
  void lockstepsVerdictsAreWhatTheToolsDo() throws Exception {
    Path tools = NodeTools.home();
    PostgresServer server = PostgresServer.of(MAJOR);
    List<Prepared> prepared = new ArrayList<>();
    int n = 0;
    for (Case c : cases()) {
      for (Variant v : Variant.values()) {
        Path copy = temp.resolve("p" + n++);
        copyTree(c.project(), copy);
        Path folder = copy.resolve(c.migrations()).normalize();
        String refusal = prepare(folder, v);
        prepared.add(new Prepared(c, v, folder, refusal == null ? predict(folder) : null, refusal));
      }
    }
    // PGlite starts slowly: one process runs all its folders, each on a new in-memory database
    List<Prepared> pglite = prepared.stream().filter(p -> p.refusal() == null && p.c().runner().equals("drizzle-pglite")).toList();
    List<String> batch = new ArrayList<>(List.of("node", tools.toAbsolutePath().resolve("run.mjs").toString(), "drizzle-pglite"));
    for (Prepared p : pglite) batch.add(p.folder().toString());
    List<String> pgliteLines = pglite.isEmpty() ? List.of()
        : Processes.run(batch, tools, Map.of(), 600).output().lines().filter(l -> l.startsWith("{")).toList();
    assertThat(pgliteLines).as("one result per PGlite run").hasSize(pglite.size());
    List<Run> runs = new ArrayList<>();
    for (Prepared p : prepared) {
      if (p.refusal() != null) {
        runs.add(new Run(p.c(), p.variant(), version(p.c()), null, false, p.refusal()));
        continue;
      }
      Processes.Result r = p.c().runner().equals("drizzle-pglite") ? result(pgliteLines.get(pglite.indexOf(p)))
          : runTool(tools, p.c(), p.folder(), "postgres://postgres@127.0.0.1:" + server.port() + "/" + server.createDatabase());
      runs.add(new Run(p.c(), p.variant(), version(p.c()), p.predicted(), r.exit() == 0, r.output()));
    }
    List<String> disagreements = new ArrayList<>();
    for (Run r : runs) {
      if (r.predicted() != null && !r.agrees()) {
        disagreements.add(r.c().name() + " with " + r.c().runner() + ", " + r.variant().label + ": lockstep said "
            + r.predicted().describe() + ", the tool " + (r.ok() ? "applied it" : "failed: " + r.output().strip()));
      }
    }
    assertThat(disagreements).as("lockstep's verdicts against the tools").isEmpty();
    DocTables.check(DOC, tables(runs));
  }

  /** Applies the variant's rewrites to every migration of the folder; a refusal's reason, or null. */
  private static String prepare(Path folder, Variant v) throws IOException {
    if (v == Variant.AS_WRITTEN) return null;
    for (Path file : migrations(folder)) {
      String text = Files.readString(file);
      FixSession.Outcome fixed = FixSession.run(SourceFile.of(file.toString(), text), Applicability.UNSAFE, s -> lint(file, s));
      if (fixed.refused() != null) return fixed.refused().english();
      Files.writeString(file, fixed.text());
      if (v != Variant.SPLIT) continue;
      MigrationScript script = MigrationScript.of(file, SourceFile.of(file.toString(), fixed.text()), null, false);
      try {
        SplitPlan plan = Splitter.plan(file, script, LINTER.lint(script.source(), script.plan()));
        Files.writeString(file, plan.originalText());
        for (SplitPlan.NewFile f : plan.files()) {
          Files.createDirectories(f.path().getParent());
          Files.writeString(f.path(), f.text());
        }
      } catch (SplitRefused e) {
        return "lockstep refuses to split " + file.getFileName() + ": " + e.getMessage();
      }
    }
    return null;
  }

  private static FileResult lint(Path file, SourceFile source) {
    MigrationScript script = MigrationScript.of(file, source, null, false);
    return LINTER.lint(script.source(), script.plan());
  }

  /** The first finding, in file order, that says the run fails. */
  private static Verdict predict(Path folder) throws IOException {
    for (Path file : migrations(folder)) {
      MigrationScript script = MigrationScript.of(file, SourceFile.of(file.toString(), Files.readString(file)), null, false);
      if (script.skipped() != null) continue;
      for (Finding f : LINTER.lint(script.source(), script.plan()).findings()) {
        String error = FAILS.containsKey(f.ruleId()) ? FAILS.get(f.ruleId())
            : script.plan().runner() != null && script.plan().runner().tool() == dev.lockstep.engine.TransactionPlan.Tool.DBMATE
                ? DBMATE_FAILS.get(f.ruleId()) : null;
        if (error != null) return new Verdict(f.ruleId(), error, folder.relativize(file).toString().replace('\\', '/'));
      }
    }
    return new Verdict(null, null, null);
  }

  /** The .sql files of the folder, below it too (Drizzle's post-migrate scripts), in name order. */
  private static List<Path> migrations(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
    }
  }

  private static Processes.Result runTool(Path tools, Case c, Path folder, String url) throws IOException {
    Path abs = tools.toAbsolutePath();
    if (c.runner().equals("dbmate")) {
      Processes.Result r = Processes.run(List.of(abs.resolve("node_modules/.bin/dbmate").toString(),
          "--url", url + "?sslmode=disable", "--migrations-dir", folder.toString(), "--no-dump-schema", "up"),
          folder, Map.of(), 120);
      return r;
    }
    Processes.Result r = Processes.run(List.of("node", abs.resolve("run.mjs").toString(), c.runner(), folder.toString()),
        abs, Map.of("DATABASE_URL", url), 120);
    String line = r.output().strip();
    line = line.substring(line.lastIndexOf('\n') + 1);
    if (r.exit() != 0 || !line.startsWith("{")) return new Processes.Result(1, r.output());
    return result(line);
  }

  /** run.mjs's line for one folder. */
  private static Processes.Result result(String line) {
    return new Processes.Result(line.contains("\"ok\":true") ? 0 : 1, line);
  }

  private static String version(Case c) throws IOException {
    return switch (c.runner()) {
      case "drizzle-pg" -> "drizzle-orm " + NodeTools.version("drizzle-orm") + ", pg " + NodeTools.version("pg");
      case "drizzle-pglite" -> "drizzle-orm " + NodeTools.version("drizzle-orm") + ", @electric-sql/pglite "
          + NodeTools.version("@electric-sql/pglite");
      default -> c.tool() + " " + NodeTools.version(c.tool());
    };
  }

  /** docs/frameworks.md's table of each tool. */
  private static Map<String, String> tables(List<Run> runs) {
    Map<String, StringBuilder> out = new LinkedHashMap<>();
    for (Run r : runs) {
      StringBuilder sb = out.computeIfAbsent(r.c().tool(), k -> new StringBuilder(
          "| project | version tested | transaction mode | what ran | lockstep's verdict | result |\n"
              + "|---|---|---|---|---|---|\n"));
      String result = r.predicted() == null ? "not run: " + cell(r.output())
          : r.ok() ? "applied" : "failed: " + cell(error(r.output()));
      sb.append("| `").append(r.c().name()).append("` | ").append(r.toolVersion()).append(" | ")
          .append(mode(r.c().runner())).append(" | ").append(r.variant().label).append(" | ")
          .append(r.predicted() == null ? "—" : cell(r.predicted().describe())).append(" | ").append(result).append(" |\n");
    }
    Map<String, String> tables = new LinkedHashMap<>();
    out.forEach((tool, sb) -> tables.put(tool, sb.toString()));
    return tables;
  }

  /** The PostgreSQL error in a tool's output, without the statement and parameters it echoes. */
  private static String error(String output) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Z][A-Z ]+ cannot run inside a transaction block"
        + "|unsafe use of new value[^\"\\n)]*|cannot insert multiple commands into a prepared statement"
        + "|unexpected transaction status idle").matcher(output);
    return m.find() ? m.group() : output.strip().lines().reduce((a, b) -> b).orElse("");
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ").strip();
  }

  private static String mode(String runner) {
    return switch (runner) {
      case "drizzle-pg" -> "every pending migration in one transaction (node-postgres)";
      case "drizzle-pglite" -> "every pending migration in one transaction (PGlite, one command per breakpoint)";
      case "dbmate" -> "a transaction per migration; `transaction:false` opts out";
      case "node-pg-migrate" -> "every pending migration in one transaction (`--single-transaction`, the default)";
      case "postgres-migrations" -> "a transaction per file; `-- postgres-migrations disable-transaction` opts out";
      default -> runner;
    };
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
