package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --changed-since against a real temporary git repository. */
class ChangedSinceTest {
  @TempDir
  Path repo;

  void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  List<String> lintedPaths(CliRunner.Result run) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(run.out()).get("files")) out.add(Path.of(f.get("path").asText()).getFileName().toString());
    return out;
  }

  @Test
  void onlyFilesAddedOrChangedSinceTheRefAreLinted() throws Exception {
    git("init", "-q");
    Files.createDirectories(repo.resolve("db"));
    Files.writeString(repo.resolve("db/V1__old.sql"), "CREATE INDEX a ON t (x);\n");
    Files.writeString(repo.resolve("db/V2__edited.sql"), "SELECT 1;\n");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    git("checkout", "-q", "-b", "feature");
    Files.writeString(repo.resolve("db/V2__edited.sql"), "CREATE INDEX b ON t (y);\n");
    Files.writeString(repo.resolve("db/V3__committed.sql"), "CREATE INDEX c ON t (z);\n");
    git("add", "-A");
    git("commit", "-q", "-m", "feature");
    Files.writeString(repo.resolve("db/V4__untracked.sql"), "CREATE INDEX d ON t (w);\n");

    CliRunner.Result run = CliRunner.run("lint", "--format", "json", "--changed-since", "main", repo.resolve("db").toString());
    assertThat(lintedPaths(run)).containsExactly("V2__edited.sql", "V3__committed.sql", "V4__untracked.sql");

    CliRunner.Result missing = CliRunner.run("lint", "--changed-since", "origin/nope", repo.resolve("db").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("lockstep: --changed-since: cannot find 'origin/nope' or its merge-base with HEAD");
  }
}
