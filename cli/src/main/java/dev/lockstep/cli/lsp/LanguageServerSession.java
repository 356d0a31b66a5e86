package dev.lockstep.cli.lsp;

import com.google.gson.JsonParseException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * One session of the server over a pair of streams (stdin and stdout for `lockstep lsp`): runs
 * until the client sends exit or closes the input. Every thread it starts is a daemon.
 */
public final class LanguageServerSession {
  /** LSP4J logs a closed input with a stack trace at INFO: the editor's log needs only real problems. */
  private static final Logger LSP4J_LOG = Logger.getLogger("org.eclipse.lsp4j");

  private LanguageServerSession() {}

  /** Serves until exit or end of input; returns the exit code (0 after shutdown, 1 otherwise). */
  public static int serve(InputStream in, OutputStream out, ServerOptions options) {
    LSP4J_LOG.setLevel(Level.WARNING);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lockstep-lsp");
      t.setDaemon(true);
      return t;
    });
    try (LockstepLanguageServer server = new LockstepLanguageServer(options)) {
      Launcher<LanguageClient> launcher = launcher(server, in, out, threads);
      server.connect(launcher.getRemoteProxy());
      Future<Void> listening = launcher.startListening();
      CompletableFuture<Integer> inputClosed = CompletableFuture.supplyAsync(() -> {
        try {
          listening.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          // the input failed: the session is over all the same
        }
        return 1;
      }, threads);
      return (Integer) CompletableFuture.anyOf(server.exited(), inputClosed).join();
    } finally {
      threads.shutdownNow();
    }
  }

  static Launcher<LanguageClient> launcher(LockstepLanguageServer server, InputStream in, OutputStream out,
                                           ExecutorService threads) {
    return new LSPLauncher.Builder<LanguageClient>() {
      @Override
      protected MessageJsonHandler createJsonHandler() {
        return new MessageJsonHandler(getSupportedMethods()) {
          /** A message that is not JSON gets a parse error response (id null) instead of only a log line. */
          @Override
          public Message parseMessage(Reader input) throws JsonParseException {
            try {
              return super.parseMessage(input);
            } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
              RequestMessage unknown = new RequestMessage();
              unknown.setJsonrpc("2.0");
              throw new MessageIssueException(unknown, List.of(new MessageIssue(
                  "Parse error: " + e.getMessage(), ResponseErrorCode.ParseError.getValue(), e)));
            }
          }
        };
      }
    }.setLocalService(server).setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out)
        .setExecutorService(threads).wrapMessages(LanguageServerSession::validated).create();
  }

  /**
   * Checks every message against the protocol's types (a request with missing fields gets an error
   * response), except the answer to a message that was not JSON: its id is null, as JSON-RPC asks,
   * which the checker would refuse to send.
   */
  private static MessageConsumer validated(MessageConsumer stream) {
    MessageConsumer checked = new ReflectiveMessageValidator(stream);
    return message -> {
      boolean unparsable = message instanceof ResponseMessage r && r.getRawId() == null && r.getError() != null;
      (unparsable ? stream : checked).consume(message);
    };
  }
}
