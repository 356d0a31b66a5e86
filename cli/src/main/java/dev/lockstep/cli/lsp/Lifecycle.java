package dev.lockstep.cli.lsp;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Where the session is in the protocol's order (initialize, work, shutdown, exit), so that a request
 * out of order gets the error the protocol names instead of running.
 */
final class Lifecycle {
  private enum State { STARTED, RUNNING, SHUT_DOWN }

  private volatile State state = State.STARTED;
  /** Completes with the exit code when the client sends exit. */
  final CompletableFuture<Integer> exited = new CompletableFuture<>();

  void initialize() {
    if (state != State.STARTED) throw error(ResponseErrorCode.InvalidRequest, "initialize was already sent");
    state = State.RUNNING;
  }

  void shutdown() {
    requireRunning();
    state = State.SHUT_DOWN;
  }

  /** 0 after shutdown, 1 without it (as the protocol asks). */
  void exit() {
    exited.complete(state == State.SHUT_DOWN ? 0 : 1);
  }

  boolean acceptsNotifications() {
    return state == State.RUNNING;
  }

  void requireRunning() {
    if (state == State.STARTED) throw error(ResponseErrorCode.ServerNotInitialized, "the server is not initialized yet");
    if (state == State.SHUT_DOWN) throw error(ResponseErrorCode.InvalidRequest, "the server is shut down");
  }

  private static ResponseErrorException error(ResponseErrorCode code, String message) {
    return new ResponseErrorException(new ResponseError(code, message, null));
  }
}
