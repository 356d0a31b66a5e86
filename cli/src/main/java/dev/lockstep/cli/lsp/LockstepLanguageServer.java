package dev.lockstep.cli.lsp;

import dev.lockstep.report.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** lockstep's language server: diagnostics, quick fixes and hovers for SQL migrations. */
public final class LockstepLanguageServer implements LanguageServer, LanguageClientAware, AutoCloseable {
  private final Lifecycle lifecycle = new Lifecycle();
  private final LintWorker worker;
  private final SqlDocuments documents;
  private final LockstepWorkspace workspace;
  private volatile LanguageClient client;
  private volatile boolean watchFiles;

  public LockstepLanguageServer(ServerOptions options) {
    worker = new LintWorker(options, diagnostics -> {
      LanguageClient c = client;
      if (c != null) c.publishDiagnostics(diagnostics);
    });
    documents = new SqlDocuments(lifecycle, worker);
    workspace = new LockstepWorkspace(lifecycle, worker, message -> {
      LanguageClient c = client;
      if (c != null) c.showMessage(message);
    });
  }

  @Override
  public void connect(LanguageClient languageClient) {
    client = languageClient;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    lifecycle.initialize();
    ClientCapabilities caps = params.getCapabilities();
    watchFiles = caps != null && caps.getWorkspace() != null && caps.getWorkspace().getDidChangeWatchedFiles() != null
        && Boolean.TRUE.equals(caps.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());
    ServerCapabilities server = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    sync.setSave(new SaveOptions(false));
    server.setTextDocumentSync(sync);
    server.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    server.setHoverProvider(true);
    server.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(CodeActions.SHOW_REWRITE)));
    return CompletableFuture.completedFuture(new InitializeResult(server, new ServerInfo("lockstep", Version.current())));
  }

  @Override
  public void initialized(InitializedParams params) {
    LanguageClient c = client;
    if (!watchFiles || c == null) return; // the worker also notices changed configuration files by their time stamps
    List<FileSystemWatcher> watchers = new ArrayList<>();
    for (String glob : LockstepWorkspace.WATCHED) watchers.add(new FileSystemWatcher(Either.forLeft(glob)));
    c.registerCapability(new RegistrationParams(List.of(new Registration("lockstep-config",
        "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)))));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    lifecycle.shutdown();
    worker.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    worker.close();
    lifecycle.exit();
  }

  /** Completes with the process's exit code when the client sends exit. */
  public CompletableFuture<Integer> exited() {
    return lifecycle.exited;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  @Override
  public void close() {
    worker.close();
  }
}
