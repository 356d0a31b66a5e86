package dev.lockstep.cli.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Configuration files that changed, and the commands code actions run. */
final class LockstepWorkspace implements WorkspaceService {
  /** The files {@code workspace/didChangeWatchedFiles} reports: lint's configuration files. */
  static final List<String> WATCHED = List.of("**/lockstep.toml", "**/.lockstep.yaml");

  private final Lifecycle lifecycle;
  private final LintWorker worker;
  private final Consumer<MessageParams> messages;

  LockstepWorkspace(Lifecycle lifecycle, LintWorker worker, Consumer<MessageParams> messages) {
    this.lifecycle = lifecycle;
    this.worker = worker;
    this.messages = messages;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    // settings come from the command line and the configuration files; clients restart the server to change the first
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    if (lifecycle.acceptsNotifications()) worker.reloadConfiguration();
  }

  /** {@value CodeActions#SHOW_REWRITE}: shows the rewrite as a message (the VS Code extension opens it as a document). */
  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    lifecycle.requireRunning();
    List<Object> args = params.getArguments();
    if (!CodeActions.SHOW_REWRITE.equals(params.getCommand()) || args == null || args.size() != 1) {
      throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
          "unknown command or arguments: " + params.getCommand(), null));
    }
    Object text = args.get(0);
    String markdown = text instanceof com.google.gson.JsonPrimitive p ? p.getAsString() : String.valueOf(text);
    messages.accept(new MessageParams(MessageType.Info, markdown));
    return CompletableFuture.completedFuture(null);
  }
}
