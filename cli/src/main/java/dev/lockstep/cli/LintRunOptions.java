package dev.lockstep.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a lint runs: threads and the result cache. A picocli mixin for the commands that lint many files. */
public final class LintRunOptions {
  @Option(names = "--jobs", paramLabel = "N",
      description = "Lint files on N threads, one parser each (default: the number of processors); output order "
          + "is the input order either way.")
  Integer jobs;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep each file's result in DIR and reuse it while the file, its migration tool's settings, "
          + "lockstep's settings and this build of lockstep are unchanged (off by default).")
  Path cacheDir;

  int threads() {
    return jobs != null ? Math.max(1, jobs) : Runtime.getRuntime().availableProcessors();
  }
}
