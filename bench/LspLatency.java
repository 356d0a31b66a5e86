import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Time from an edit to its diagnostics, as an editor sees it: `lockstep lsp` runs as a process of
 * its own (the command given, e.g. ./lockstep lsp), the migration is opened, WARMUP edits warm
 * the server up, then each of EDITS edits (a character typed into a comment in the middle of the
 * file, the default debounce included) is timed until the diagnostics of that version arrive.
 *
 * <p>Run: java -cp cli/target/lockstep.jar bench/LspLatency.java FILE WARMUP EDITS -- COMMAND...
 */
public class LspLatency {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    int warmup = Integer.parseInt(args[1]);
    int edits = Integer.parseInt(args[2]);
    List<String> command = List.of(args).subList(4, args.length);
    String text = Files.readString(file);
    int middle = text.indexOf('\n', text.length() / 2) + 1;

    Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    LanguageClient client = new Client(published);
    var launcher = LSPLauncher.createClientLauncher(client, server.getInputStream(), server.getOutputStream());
    launcher.startListening();
    LanguageServer lsp = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    lsp.initialize(init).get(60, TimeUnit.SECONDS);
    lsp.initialized(new InitializedParams());

    String uri = file.toUri().toString();
    long lines = text.lines().count();
    lsp.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sql", 1, text)));
    int diagnostics = await(published, 1).getDiagnostics().size();
    List<Double> millis = new ArrayList<>();
    StringBuilder typed = new StringBuilder();
    for (int version = 2; version < 2 + warmup + edits; version++) {
      typed.append((char) ('a' + version % 26));
      String next = text.substring(0, middle) + "-- " + typed + "\n" + text.substring(middle);
      long start = System.nanoTime();
      lsp.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
          List.of(new TextDocumentContentChangeEvent(next))));
      await(published, version);
      if (version >= 2 + warmup) millis.add((System.nanoTime() - start) / 1e6);
    }
    lsp.shutdown().get(30, TimeUnit.SECONDS);
    lsp.exit();
    server.waitFor(30, TimeUnit.SECONDS);
    Collections.sort(millis);
    System.out.printf("%s: %d lines, %d diagnostics; edit to diagnostics over %d edits after %d warm-up edits: "
            + "median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d over 100 ms%n", file.getFileName(), lines,
        diagnostics, edits, warmup, millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.9)),
        millis.get((int) (millis.size() * 0.99)), millis.get(millis.size() - 1), millis.stream().filter(m -> m > 100).count());
  }

  private static PublishDiagnosticsParams await(BlockingQueue<PublishDiagnosticsParams> q, int version) throws Exception {
    while (true) {
      PublishDiagnosticsParams p = q.poll(60, TimeUnit.SECONDS);
      if (p == null) throw new IllegalStateException("no diagnostics for version " + version);
      if (p.getVersion() != null && p.getVersion() >= version) return p;
    }
  }

  static final class Client implements LanguageClient {
    private final BlockingQueue<PublishDiagnosticsParams> published;

    Client(BlockingQueue<PublishDiagnosticsParams> published) {
      this.published = published;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
      published.add(p);
    }

    @Override
    public void telemetryEvent(Object o) {}

    @Override
    public void showMessage(MessageParams m) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {}
  }
}
