package dev.lockstep.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool and collects what it printed. */
final class Processes {
  record Result(int exit, String output) {}

  private Processes() {}

  static Result run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Result(127, command.get(0) + ": " + e.getMessage());
    }
    p.getOutputStream().close();
    // read on another thread so that a full pipe never stalls the tool
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        out.append(e.getMessage());
      }
    });
    reader.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        reader.join(5000);
        return new Result(124, command.get(0) + " did not finish in " + timeoutSeconds + " s: " + out);
      }
      reader.join(5000);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(p.exitValue(), out.toString());
  }
}
