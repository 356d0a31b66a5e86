package dev.lockstep.cli.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A language server session in this JVM, driven by LSP4J's client side over piped streams: what the
 * server publishes is recorded per document.
 */
final class LspSession implements AutoCloseable {
  final LanguageServer server;
  final Recorder client = new Recorder();
  final CompletableFuture<Integer> exitCode;
  private final PipedOutputStream toServer;
  private final PipedOutputStream toClient;

  LspSession(ServerOptions options) throws IOException {
    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    toClient = new PipedOutputStream(clientIn);
    exitCode = CompletableFuture.supplyAsync(() -> LanguageServerSession.serve(serverIn, toClient, options));
    Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, toServer);
    launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  static LspSession started(ServerOptions options) throws Exception {
    return started(options, new ClientCapabilities());
  }

  static LspSession started(ServerOptions options, ClientCapabilities caps) throws Exception {
    LspSession s = new LspSession(options);
    InitializeParams init = new InitializeParams();
    init.setCapabilities(caps);
    s.server.initialize(init).get(30, TimeUnit.SECONDS);
    s.server.initialized(new InitializedParams());
    return s;
  }

  static ServerOptions noDebounce() {
    return new ServerOptions(null, null, null, 0);
  }

  String open(Path file, String text) {
    String uri = file.toUri().toString();
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sql", 1, text)));
    return uri;
  }

  void change(String uri, int version, String text) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
  }

  /** The next diagnostics published for the document at {@code version} or later. */
  PublishDiagnosticsParams diagnostics(String uri, int version) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      PublishDiagnosticsParams p = client.queue(uri).poll(100, TimeUnit.MILLISECONDS);
      if (p != null && (p.getVersion() == null || p.getVersion() >= version)) return p;
    }
    throw new AssertionError("no diagnostics for " + uri + " version " + version);
  }

  @Override
  public void close() throws Exception {
    try {
      server.shutdown().get(10, TimeUnit.SECONDS);
      server.exit();
      exitCode.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the test may have ended the session itself
    } finally {
      toServer.close();
      toClient.close();
    }
  }

  /** The client's side: records what the server sends. */
  static final class Recorder implements LanguageClient {
    final Map<String, BlockingQueue<PublishDiagnosticsParams>> diagnostics = new ConcurrentHashMap<>();
    final BlockingQueue<MessageParams> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<RegistrationParams> registrations = new LinkedBlockingQueue<>();

    BlockingQueue<PublishDiagnosticsParams> queue(String uri) {
      return diagnostics.computeIfAbsent(uri, u -> new LinkedBlockingQueue<>());
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
      queue(p.getUri()).add(p);
    }

    @Override
    public void showMessage(MessageParams p) {
      messages.add(p);
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
      registrations.add(params);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
