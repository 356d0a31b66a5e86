package dev.lockstep.cli.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `lockstep lsp` as a process of its own, started from the test class path as an editor starts it. */
final class ServerProcess {
  private ServerProcess() {}

  static List<String> command(String... extraArgs) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.lockstep.cli.Main", "lsp"));
    cmd.addAll(List.of(extraArgs));
    return cmd;
  }
}
