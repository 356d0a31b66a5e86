package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.LanguageChoice;
import dev.lockstep.i18n.Catalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The one thread that lints (a parser is single-threaded, and this one is reused for every lint):
 * lints a document once it has been unchanged for the debounce time, publishes its diagnostics,
 * and keeps the last outcome of each open document for code actions and hovers.
 */
final class LintWorker implements AutoCloseable {
  /** PostgreSQL's parser recurses deeply on nested input, as on the command line. */
  private static final long STACK_BYTES = 512L << 20;
  /** How often the configuration files of open documents are checked for changes. */
  private static final long CONFIG_CHECK_MILLIS = 2000;

  private final Map<String, OpenDocument> open = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor thread;
  private final ProjectSettings settings;
  private final DocumentLinter linter;
  private final long debounceMillis;
  private final Consumer<PublishDiagnosticsParams> publisher;
  // touched on the lint thread only
  private final Map<String, DocumentLint> latest = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

  LintWorker(ServerOptions options, Consumer<PublishDiagnosticsParams> publisher) {
    this.settings = new ProjectSettings(options);
    this.linter = new DocumentLinter(settings);
    this.debounceMillis = options.debounceMillis();
    this.publisher = publisher;
    thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(null, r, "lockstep-lint", STACK_BYTES);
      t.setDaemon(true);
      return t;
    });
    thread.setRemoveOnCancelPolicy(true); // cancelled lints of superseded edits must not pile up
    thread.scheduleWithFixedDelay(this::relintIfConfigChanged, CONFIG_CHECK_MILLIS, CONFIG_CHECK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** A document was opened or changed: lint it once it stays unchanged for the debounce time. */
  void update(OpenDocument doc) {
    open.put(doc.uri(), doc);
    schedule(doc.uri(), debounceMillis);
  }

  OpenDocument document(String uri) {
    return open.get(uri);
  }

  /** A document was closed: forget it and clear its diagnostics. */
  void close(String uri) {
    open.remove(uri);
    ScheduledFuture<?> p = pending.remove(uri);
    if (p != null) p.cancel(false);
    thread.execute(() -> {
      latest.remove(uri);
      publisher.accept(new PublishDiagnosticsParams(uri, List.of()));
    });
  }

  /** The outcome for the document's current text, linting it now if that has not happened yet; null if not open. */
  CompletableFuture<DocumentLint> current(String uri) {
    return CompletableFuture.supplyAsync(() -> {
      OpenDocument doc = open.get(uri);
      if (doc == null) return null;
      DocumentLint last = latest.get(uri);
      return last != null && last.doc() == doc ? last : lintAndPublish(uri);
    }, thread);
  }

  /** Reads every configuration again and lints every open document (a watched configuration file changed). */
  void reloadConfiguration() {
    thread.execute(() -> {
      settings.reloadAll();
      latest.clear(); // lint again even where the text is unchanged
      for (String uri : open.keySet()) schedule(uri, 0);
    });
  }

  private void schedule(String uri, long delayMillis) {
    ScheduledFuture<?> next = thread.schedule(() -> {
      lintAndPublish(uri);
    }, delayMillis, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> before = pending.put(uri, next);
    if (before != null) before.cancel(false);
  }

  private DocumentLint lintAndPublish(String uri) {
    OpenDocument doc = open.get(uri);
    if (doc == null) return null;
    DocumentLint last = latest.get(uri);
    if (last != null && last.doc() == doc) return last;
    DocumentLint outcome;
    try {
      outcome = linter.lint(doc);
    } catch (RuntimeException | StackOverflowError e) {
      // a bug in a rule must cost one document's diagnostics, never the server
      LineIndex lines = new LineIndex(doc.text());
      // the project's language may be what failed to load: LOCKSTEP_LANG and the locale
      Catalog catalog = Catalog.of(LanguageChoice.resolve(null, null, System.getenv()).language());
      outcome = DocumentLint.notChecked(doc, null, lines,
          Diagnostics.notChecked(lines.range(0, 0), catalog.format("Not checked: internal error: %s", String.valueOf(e))));
    }
    if (open.get(uri) != doc) return outcome; // closed or changed meanwhile: a newer lint is on its way
    latest.put(uri, outcome);
    publisher.accept(new PublishDiagnosticsParams(uri, outcome.diagnostics(), doc.version()));
    return outcome;
  }

  /** Picks up edits of lockstep.toml / .lockstep.yaml that the client does not report. */
  private void relintIfConfigChanged() {
    List<String> stale = new java.util.ArrayList<>();
    try {
      for (DocumentLint last : latest.values()) {
        if (last.project() != null && settings.forFile(last.doc().path()) != last.project()) stale.add(last.doc().uri());
      }
    } catch (RuntimeException e) {
      // a file system hiccup: the documents found so far are linted, the others at the next check
    }
    for (String uri : stale) {
      latest.remove(uri);
      schedule(uri, 0);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
