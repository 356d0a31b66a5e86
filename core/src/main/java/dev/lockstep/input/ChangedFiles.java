package dev.lockstep.input;

import dev.lockstep.i18n.TextException;
import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The files added or modified since a git ref (from the merge-base with HEAD, plus uncommitted and
 * untracked files), for linting only new migrations: the ones already run in production cannot be
 * changed anyway.
 */
public final class ChangedFiles {
  private ChangedFiles() {}

  /** Absolute, normalized paths of the changed files in the repository that holds {@code dir}. */
  public static Set<Path> since(String ref, Path dir) {
    Path top = Path.of(git(dir, "rev-parse", "--show-toplevel").strip());
    String base;
    try {
      base = git(top, "merge-base", ref, "HEAD").strip();
    } catch (TextException e) {
      boolean shallow = git(top, "rev-parse", "--is-shallow-repository").strip().equals("true");
      throw new TextException(shallow
          ? Text.of("%s: cannot find '%s' or its merge-base with HEAD in this shallow clone: fetch it first "
              + "(e.g. git fetch --depth=1000 origin %s, or checkout with fetch-depth: 0)", "--changed-since", ref,
              ref.replace("origin/", ""))
          : Text.of("%s: cannot find '%s' or its merge-base with HEAD: is the ref spelled right and fetched?",
              "--changed-since", ref));
    }
    Set<Path> out = new HashSet<>();
    List<String> names = new ArrayList<>();
    names.addAll(List.of(git(top, "diff", "--name-only", "--diff-filter=ACMR", "-z", base).split("\0")));
    names.addAll(List.of(git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0")));
    for (String name : names) if (!name.isEmpty()) out.add(top.resolve(name).toAbsolutePath().normalize());
    return out;
  }

  private static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new TextException(Text.of("%s failed: %s", "git " + String.join(" ", args),
            new String(err, StandardCharsets.UTF_8).strip()));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TextException(Text.of("%s needs git on the PATH: %s", "--changed-since", String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TextException(Text.of("interrupted while running git"));
    }
  }
}
