package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.Text;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The open documents: full text on every change (the server asks for full sync), linted by the worker. */
final class SqlDocuments implements TextDocumentService {
  private final Lifecycle lifecycle;
  private final LintWorker worker;

  SqlDocuments(Lifecycle lifecycle, LintWorker worker) {
    this.lifecycle = lifecycle;
    this.worker = worker;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    if (!lifecycle.acceptsNotifications()) return;
    var item = params.getTextDocument();
    Path path = path(item.getUri());
    worker.update(new OpenDocument(item.getUri(), path, item.getVersion(), item.getText(), diskProblem(path)));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    if (!lifecycle.acceptsNotifications()) return;
    OpenDocument doc = worker.document(params.getTextDocument().getUri());
    if (doc == null) return; // a change of a document that was never opened: nothing to apply it to
    List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
    if (changes.isEmpty()) return;
    TextDocumentContentChangeEvent last = changes.get(changes.size() - 1);
    String text = last.getRange() == null ? last.getText() : applyRanges(doc.text(), changes);
    Integer version = params.getTextDocument().getVersion();
    worker.update(doc.withText(version == null ? doc.version() + 1 : version, text));
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    if (!lifecycle.acceptsNotifications()) return;
    worker.close(params.getTextDocument().getUri());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    if (!lifecycle.acceptsNotifications()) return;
    OpenDocument doc = worker.document(params.getTextDocument().getUri());
    if (doc == null) return;
    Text problem = diskProblem(doc.path());
    if (!java.util.Objects.equals(problem, doc.diskProblem())) worker.update(doc.withDiskProblem(problem));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    lifecycle.requireRunning();
    return worker.current(params.getTextDocument().getUri()).thenApply(lint -> lint == null ? List.of()
        : CodeActions.forRange(lint, params.getRange()).stream().map(Either::<Command, CodeAction>forRight).toList());
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    lifecycle.requireRunning();
    return worker.current(params.getTextDocument().getUri())
        .thenApply(lint -> lint == null ? null : Hovers.at(lint, params.getPosition()));
  }

  /** Incremental changes (a client may send them even so): applied in order, each to the text before it. */
  private static String applyRanges(String text, List<TextDocumentContentChangeEvent> changes) {
    String current = text;
    for (TextDocumentContentChangeEvent c : changes) {
      if (c.getRange() == null) {
        current = c.getText();
        continue;
      }
      LineIndex lines = new LineIndex(current);
      int start = lines.offset(c.getRange().getStart());
      int end = Math.max(start, lines.offset(c.getRange().getEnd()));
      current = current.substring(0, start) + c.getText() + current.substring(end);
    }
    return current;
  }

  /** The file a document URI names; a document that is not a file (untitled) gets its URI's last part. */
  static Path path(String uri) {
    try {
      URI u = URI.create(uri);
      if ("file".equals(u.getScheme())) return Path.of(u);
      String name = u.getPath() != null && !u.getPath().isEmpty() ? u.getPath() : u.getSchemeSpecificPart();
      return Path.of(name.substring(name.lastIndexOf('/') + 1));
    } catch (RuntimeException e) {
      return Path.of("untitled.sql");
    }
  }

  /**
   * Why the file on disk cannot be linted as text (not UTF-8, binary), or null. The editor may have
   * decoded it some other way, but `lint` reads the bytes on disk.
   */
  private static Text diskProblem(Path path) {
    try {
      if (!Files.isRegularFile(path) || Files.size(path) > 64L << 20) return null;
      SourceFile.decode(path.toString(), Files.readAllBytes(path));
      return null;
    } catch (InputException e) {
      return e.problemWithPlace();
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the editor's text is all there is
    }
  }
}
