package dev.lockstep.cli;

import picocli.CommandLine.Option;

/** Whether each file's earlier migrations are replayed first, and which of them are pending. A picocli mixin. */
public final class HistoryOptions {
  @Option(names = "--pending-from", paramLabel = "MIGRATION",
      description = "The first migration not yet applied in production, by version or name: it and every later "
          + "migration are pending, so the tables they create are new and empty (default: pending-from in "
          + "lockstep.toml; --changed-since makes the changed migrations pending instead).")
  String pendingFrom;

  @Option(names = "--no-history",
      description = "Judge each file alone, without replaying the earlier migrations of its history first.")
  boolean noHistory;
}
