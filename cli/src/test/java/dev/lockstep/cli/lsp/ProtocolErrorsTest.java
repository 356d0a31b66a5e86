package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Raw JSON-RPC frames, as a broken or hurried client sends them: each wrong message gets the error
 * the protocol names, and the session goes on; exit and end of input end it.
 */
class ProtocolErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void wrongMessagesGetErrorsAndTheServerKeepsServing() throws Exception {
    try (Raw raw = new Raw()) {
      raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///x.sql\"},\"position\":{\"line\":0,\"character\":0}}}");
      assertThat(raw.next().path("error").path("code").asInt()).as("before initialize").isEqualTo(-32002);

      raw.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      JsonNode init = raw.next();
      assertThat(init.path("id").asInt()).isEqualTo(2);
      assertThat(init.path("result").path("capabilities").path("hoverProvider").asBoolean()).isTrue();
      assertThat(init.path("result").path("serverInfo").path("name").asText()).isEqualTo("lockstep");
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");

      raw.send("{this is not json");
      JsonNode parseError = raw.next();
      assertThat(parseError.path("error").path("code").asInt()).isEqualTo(-32700);

      raw.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"lockstep/noSuchMethod\",\"params\":{}}");
      assertThat(raw.next().path("error").path("code").asInt()).isEqualTo(-32601);

      raw.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{}}}");
      JsonNode invalid = raw.next();
      assertThat(invalid.path("id").asInt()).isEqualTo(4);
      assertThat(invalid.path("error").path("code").asInt()).isIn(-32600, -32602);

      // a notification with missing fields and a change of a document never opened: ignored
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{}}");
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///never.sql\",\"version\":2},\"contentChanges\":[{\"text\":\"DROP TABLE x;\"}]}}");
      raw.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      assertThat(raw.next().path("error").path("code").asInt()).as("initialize twice").isEqualTo(-32600);

      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/lockstep-raw/a.sql\","
          + "\"languageId\":\"sql\",\"version\":1,\"text\":\"SET lock_timeout = '1s';\\nDROP TABLE orders;\\n\"}}}");
      JsonNode published = raw.next();
      assertThat(published.path("method").asText()).isEqualTo("textDocument/publishDiagnostics");
      assertThat(published.path("params").path("diagnostics").get(0).path("code").asText()).isEqualTo("ban-drop-table");

      raw.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"shutdown\"}");
      JsonNode shutdown = raw.next();
      assertThat(shutdown.path("id").asInt()).isEqualTo(6);
      assertThat(shutdown.has("error")).isFalse();
      raw.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/lockstep-raw/a.sql\"},\"position\":{\"line\":1,\"character\":0}}}");
      assertThat(raw.next().path("error").path("code").asInt()).as("after shutdown").isEqualTo(-32600);
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertThat(raw.exitCode.get(10, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void exitWithoutShutdownExitsWithOne() throws Exception {
    try (Raw raw = new Raw()) {
      raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertThat(raw.exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  @Test
  void theSessionEndsWhenTheInputCloses() throws Exception {
    try (Raw raw = new Raw()) {
      raw.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      raw.next();
      raw.toServer.close();
      assertThat(raw.exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      Thread.sleep(200);
      assertThat(Thread.getAllStackTraces().keySet()).as("the server's threads are gone or daemons")
          .filteredOn(t -> t.getName().startsWith("lockstep-") && t.isAlive()).allMatch(Thread::isDaemon);
    }
  }

  /** The server over pipes, spoken to in raw frames. */
  static final class Raw implements AutoCloseable {
    final PipedOutputStream toServer;
    final InputStream fromServer;
    final CompletableFuture<Integer> exitCode;
    final java.util.concurrent.BlockingQueue<JsonNode> frames = new java.util.concurrent.LinkedBlockingQueue<>();

    Raw() throws IOException {
      PipedInputStream serverIn = new PipedInputStream(1 << 16);
      toServer = new PipedOutputStream(serverIn);
      PipedInputStream clientIn = new PipedInputStream(1 << 20);
      PipedOutputStream serverOut = new PipedOutputStream(clientIn);
      fromServer = clientIn;
      exitCode = CompletableFuture.supplyAsync(() -> LanguageServerSession.serve(serverIn, serverOut, LspSession.noDebounce()));
      Thread reader = new Thread(this::readFrames, "raw-client-reader");
      reader.setDaemon(true);
      reader.start();
    }

    void send(String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      toServer.write(body);
      toServer.flush();
    }

    /** The next frame from the server, skipping log messages and capability registrations. */
    JsonNode next() throws Exception {
      while (true) {
        JsonNode n = frames.poll(30, TimeUnit.SECONDS);
        if (n == null) throw new AssertionError("no message from the server");
        String method = n.path("method").asText();
        if (!method.equals("window/logMessage") && !method.equals("client/registerCapability")) return n;
      }
    }

    /** One long-lived reader: a pipe fails once the thread that last read from it is gone. */
    private void readFrames() {
      try {
        while (true) frames.add(JSON.readTree(frame()));
      } catch (IOException e) {
        // the server closed its output
      }
    }

    private byte[] frame() throws IOException {
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int c = fromServer.read();
        if (c < 0) throw new IOException("end of output");
        header.write(c);
      }
      String h = header.toString(StandardCharsets.US_ASCII);
      int at = h.indexOf("Content-Length:");
      int length = Integer.parseInt(h.substring(at + 15, h.indexOf('\r', at)).trim());
      return fromServer.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
      toServer.close();
    }
  }
}
