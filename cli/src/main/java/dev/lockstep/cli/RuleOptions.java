package dev.lockstep.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which rules run and their settings: a picocli mixin for the commands whose output is rules' findings. */
public final class RuleOptions {
  @Option(names = "--enable", paramLabel = "RULE", split = ",",
      description = "Turn on rules that are off by default (advice rules), comma-separated or repeated.")
  List<String> enable = new ArrayList<>();

  @Option(names = "--disable", paramLabel = "RULE", split = ",",
      description = "Turn off rules, comma-separated or repeated.")
  List<String> disable = new ArrayList<>();

  @Option(names = "--max-lock-timeout", paramLabel = "DURATION",
      description = "Longest lock_timeout a migration may set, e.g. 5s (default: 10s).")
  String maxLockTimeout;
}
