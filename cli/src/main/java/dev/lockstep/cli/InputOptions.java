package dev.lockstep.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which files a command reads and how far it reads them: a picocli mixin shared by the commands that read migrations. */
public final class InputOptions {
  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "Files or directories (recursively, *.sql); '-' reads standard input.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--stdin-filename", paramLabel = "NAME", description = "Path to report for standard input.")
  String stdinFilename = "<stdin>";

  @Option(names = "--framework", paramLabel = "NAME",
      description = "Treat every file as this tool's migration: flyway, liquibase, goose, dbmate, golang-migrate, "
          + "drizzle, prisma, sqitch, pop, hasura, supabase, plain, schema-dump (default: detect per file).")
  String framework;

  @Option(names = "--include-down", description = "Also read down/undo migrations and sections.")
  boolean includeDown;

  @Option(names = "--changed-since", paramLabel = "GIT-REF",
      description = "Only files added or modified since the merge-base with this ref (plus uncommitted "
          + "and untracked files), e.g. origin/main.")
  String changedSince;

  @Option(names = "--max-file-size", paramLabel = "SIZE",
      description = "Do not read files larger than this, e.g. 64MiB (default: 16MiB); they are reported as not checked.")
  String maxFileSize;

  @Option(names = "--max-parse-time", paramLabel = "DURATION",
      description = "Stop parsing a file after this long, e.g. 5min (default: 60s); the rest is reported as not checked.")
  String maxParseTime;

  /** Whether standard input is one of the paths, read under {@code --stdin-filename}. */
  boolean readsStdin() {
    return paths.contains("-");
  }
}
