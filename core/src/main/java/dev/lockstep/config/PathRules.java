package dev.lockstep.config;

import dev.lockstep.frameworks.DeclaredRunner;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The path settings of a config: include/exclude globs and a framework per glob, relative to the config's folder. */
public final class PathRules {
  private final Path base;
  private final List<PathMatcher> include = new ArrayList<>();
  private final List<PathMatcher> exclude = new ArrayList<>();
  private final List<Map.Entry<PathMatcher, DeclaredRunner>> frameworks = new ArrayList<>();

  public PathRules(Config config) {
    this.base = config.baseDir();
    for (String g : config.include()) include.add(glob(g));
    for (String g : config.exclude()) exclude.add(glob(g));
    config.frameworks().forEach((g, runner) -> frameworks.add(Map.entry(glob(g), runner)));
  }

  private static PathMatcher glob(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  private Path relative(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(base)) return base.relativize(abs);
    try { // reached through a symbolic link: the globs apply to where the file really is
      Path real = abs.toRealPath();
      Path realBase = base.toRealPath();
      if (real.startsWith(realBase)) return realBase.relativize(real);
    } catch (java.io.IOException | SecurityException e) {
      // a file that does not exist (text given on stdin) keeps its written path
    }
    return abs;
  }

  /** Found by walking a directory: keep it? (include globs, if any, must match; exclude globs must not). */
  public boolean included(Path file) {
    Path rel = relative(file);
    if (!include.isEmpty() && include.stream().noneMatch(m -> m.matches(rel))) return false;
    return exclude.stream().noneMatch(m -> m.matches(rel));
  }

  /** What the configuration says runs this file, or null to detect it. */
  public DeclaredRunner framework(Path file) {
    Path rel = relative(file);
    for (var e : frameworks) if (e.getKey().matches(rel)) return e.getValue();
    return null;
  }
}
