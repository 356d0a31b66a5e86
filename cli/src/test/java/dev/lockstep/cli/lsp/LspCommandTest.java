package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lockstep lsp` as a process: stdout carries only the protocol, and the process ends with the session. */
class LspCommandTest {
  @TempDir
  Path dir;

  @Test
  void exitsWhenStdinClosesAndPrintsOnlyProtocolFrames() throws Exception {
    Process p = start();
    try (OutputStream in = p.getOutputStream()) {
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits once its input closes").isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).startsWith("Content-Length: ").contains("\"serverInfo\":{\"name\":\"lockstep\"");
  }

  @Test
  void exitsWithZeroAfterShutdownAndExit() throws Exception {
    Process p = start();
    OutputStream in = p.getOutputStream();
    send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits on exit, its input still open").isTrue();
    assertThat(p.exitValue()).isZero();
    in.close();
  }

  @Test
  void helpNamesTheCommand() throws Exception {
    Process p = new ProcessBuilder(ServerProcess.command("--help")).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("Usage: lockstep lsp").contains("--pg-version").contains("--fail-level");
  }

  private Process start() throws Exception {
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    return new ProcessBuilder(ServerProcess.command()).redirectError(err.toFile()).start();
  }

  private static void send(OutputStream in, String json) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    in.write(body);
    in.flush();
  }
}
