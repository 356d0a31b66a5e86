package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.report.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server through LSP4J's client side: diagnostics, quick fixes, hover and configuration reload. */
class LanguageServerTest {
  static final String INDEX = "SET lock_timeout = '2s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n";
  static final String CREATE_INDEX = "CREATE INDEX orders_customer_idx ON orders (customer_id)";

  @TempDir
  Path dir;

  /** A project as users have one: its configuration is looked for up to the repository's root. */
  @org.junit.jupiter.api.BeforeEach
  void repository() throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir.resolve(".git"));
  }

  @Test
  void publishesAFindingWithItsRangeSeverityRuleDocLinkAndLock() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX);
      List<Diagnostic> ds = s.diagnostics(uri, 1).getDiagnostics();
      assertThat(ds).hasSize(1);
      Diagnostic d = ds.get(0);
      assertThat(d.getRange()).isEqualTo(new Range(new Position(1, 0), new Position(1, CREATE_INDEX.length())));
      assertThat(d.getSeverity()).isEqualTo(DiagnosticSeverity.Error);
      assertThat(d.getSource()).isEqualTo("lockstep");
      assertThat(d.getCode().getLeft()).isEqualTo("require-concurrent-index");
      assertThat(d.getCodeDescription().getHref())
          .isEqualTo(Version.docsUrl() + "require-concurrent-index.md")
          .startsWith("https://").endsWith("/rules/require-concurrent-index.md");
      assertThat(d.getMessage()).isEqualTo("CREATE INDEX on orders takes a SHARE lock for the whole build: INSERT, "
          + "UPDATE and DELETE on orders wait until it finishes\nLock: SHARE on orders; blocks writes (INSERT, UPDATE, "
          + "DELETE); reads continue; scans the whole table while holding the lock");
    }
  }

  @Test
  void relintsOnChangeAndClearsOnClose() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX);
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).hasSize(1);
      s.change(uri, 2, INDEX.replace("INDEX", "INDEX CONCURRENTLY"));
      var p = s.diagnostics(uri, 2);
      assertThat(p.getVersion()).isEqualTo(2);
      assertThat(p.getDiagnostics()).isEmpty();
      s.change(uri, 3, INDEX + "DROP TABLE customers;\n");
      assertThat(s.diagnostics(uri, 3).getDiagnostics()).extracting(x -> x.getCode().getLeft())
          .containsExactly("require-concurrent-index", "ban-drop-table");
      s.server.getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
      assertThat(s.client.queue(uri).poll(30, TimeUnit.SECONDS).getDiagnostics()).isEmpty();
    }
  }

  @Test
  void appliesIncrementalChangesInOrder() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX);
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).hasSize(1);
      s.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
          new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 2), List.of(
              new org.eclipse.lsp4j.TextDocumentContentChangeEvent(new Range(new Position(1, 12), new Position(1, 12)), " CONCURRENTLY"),
              new org.eclipse.lsp4j.TextDocumentContentChangeEvent(new Range(new Position(2, 0), new Position(2, 0)), "DROP TABLE customers;\n"),
              new org.eclipse.lsp4j.TextDocumentContentChangeEvent(new Range(new Position(0, 19), new Position(0, 23)), "'1s'"))));
      List<Diagnostic> ds = s.diagnostics(uri, 2).getDiagnostics();
      assertThat(ds).extracting(x -> x.getCode().getLeft()).containsExactly("ban-drop-table");
      assertThat(ds.get(0).getRange().getStart()).isEqualTo(new Position(2, 0));
      CodeAction suppress = suppressAction(s, uri, ds.get(0));
      assertThat(apply("SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n"
          + "DROP TABLE customers;\n", edits(suppress, uri))).as("the server's text is the edited one")
          .endsWith("(customer_id);\n-- lockstep-ignore ban-drop-table -- " + CodeActions.REASON_PLACEHOLDER + "\nDROP TABLE customers;\n");
    }
  }

  @Test
  void quickFixesAreTheFindingsFixesASuppressionAndTheRewrite() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX);
      Diagnostic d = s.diagnostics(uri, 1).getDiagnostics().get(0);
      List<CodeAction> actions = actions(s, uri, d.getRange(), d);
      assertThat(actions).extracting(CodeAction::getTitle).containsExactly("Add CONCURRENTLY",
          "Suppress require-concurrent-index on this statement (with a reason)",
          "Show the safe rewrite for require-concurrent-index");
      assertThat(actions).extracting(CodeAction::getKind).containsOnly("quickfix");
      assertThat(actions).allSatisfy(a -> assertThat(a.getDiagnostics()).containsExactly(d));
      assertThat(actions.get(0).getIsPreferred()).isTrue();

      assertThat(apply(INDEX, edits(actions.get(0), uri)))
          .isEqualTo("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n");
      String suppressed = apply(INDEX, edits(actions.get(1), uri));
      assertThat(suppressed).isEqualTo("SET lock_timeout = '2s';\n-- lockstep-ignore require-concurrent-index -- "
          + CodeActions.REASON_PLACEHOLDER + "\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n");
      s.change(uri, 2, suppressed);
      assertThat(s.diagnostics(uri, 2).getDiagnostics()).as("the comment suppresses the finding").isEmpty();

      CodeAction rewrite = actions.get(2);
      assertThat(rewrite.getEdit()).isNull();
      assertThat(rewrite.getCommand().getCommand()).isEqualTo(CodeActions.SHOW_REWRITE);
      s.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(rewrite.getCommand().getCommand(),
          rewrite.getCommand().getArguments())).get(30, TimeUnit.SECONDS);
      String shown = s.client.messages.poll(30, TimeUnit.SECONDS).getMessage();
      assertThat(shown).startsWith("Instead of this statement (require-concurrent-index): Build the index with CONCURRENTLY")
          .contains("```sql\n-- outside a transaction block\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n```");
    }
  }

  @Test
  void fixesThatAreNotSafeAreLabelledAndNotPreferred() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String sql = "BEGIN;\nCREATE INDEX orders_customer_idx ON orders (customer_id);\nCOMMIT;\n";
      String uri = s.open(dir.resolve("in_tx.sql"), "SET lock_timeout = '2s';\n" + sql);
      Diagnostic d = s.diagnostics(uri, 1).getDiagnostics().stream()
          .filter(x -> x.getCode().getLeft().equals("require-concurrent-index")).findFirst().orElseThrow();
      CodeAction fix = actions(s, uri, d.getRange(), d).get(0);
      assertThat(fix.getTitle()).isEqualTo("Add CONCURRENTLY (not safe as is: the change must be staged by hand; "
          + "see require-concurrent-index Fix safety)");
      assertThat(fix.getIsPreferred()).isFalse();
    }
  }

  @Test
  void suppressionGoesOnItsOwnLineBeforeTheStatementsFirstLine() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String sql = "SET lock_timeout = '2s';\n  ALTER TABLE orders\n    ALTER COLUMN total TYPE numeric(12, 2);\n"
          + "SELECT 1; DROP TABLE customers;\n";
      String uri = s.open(dir.resolve("two.sql"), sql);
      List<Diagnostic> ds = s.diagnostics(uri, 1).getDiagnostics();
      assertThat(ds).extracting(x -> x.getCode().getLeft()).containsExactly("ban-column-type-change", "ban-drop-table");
      String first = apply(sql, edits(suppressAction(s, uri, ds.get(0)), uri));
      assertThat(first).isEqualTo("SET lock_timeout = '2s';\n  -- lockstep-ignore ban-column-type-change -- "
          + CodeActions.REASON_PLACEHOLDER + "\n  ALTER TABLE orders\n    ALTER COLUMN total TYPE numeric(12, 2);\n"
          + "SELECT 1; DROP TABLE customers;\n");
      String second = apply(sql, edits(suppressAction(s, uri, ds.get(1)), uri));
      assertThat(second).endsWith("SELECT 1; \n-- lockstep-ignore ban-drop-table -- " + CodeActions.REASON_PLACEHOLDER
          + "\nDROP TABLE customers;\n");
      s.change(uri, 2, second);
      assertThat(s.diagnostics(uri, 2).getDiagnostics()).extracting(x -> x.getCode().getLeft())
          .containsExactly("ban-column-type-change");
    }
  }

  @Test
  void hoverShowsTheFindingItsLockTheRewriteAndTheRuleDocWithTheMeasuredTable() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX);
      s.diagnostics(uri, 1);
      Hover hover = hover(s, uri, new Position(1, 7));
      String md = hover.getContents().getRight().getValue();
      assertThat(hover.getContents().getRight().getKind()).isEqualTo("markdown");
      assertThat(hover.getRange()).isEqualTo(new Range(new Position(1, 0), new Position(1, CREATE_INDEX.length())));
      assertThat(md).startsWith("**lockstep error [require-concurrent-index](" + Version.docsUrl()
          + "require-concurrent-index.md)**: CREATE INDEX on orders takes a SHARE lock")
          .contains("**Lock:** SHARE on orders; blocks writes")
          .contains("CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);")
          .contains("\n---\n\n" + dev.lockstep.rules.RuleDocs.markdown("require-concurrent-index"))
          .contains("| statement | locks held | blocks reads | blocks writes | rewrites | scans | PostgreSQL |");
      assertThat(hover(s, uri, new Position(0, 3))).as("nothing flagged there").isNull();
    }
  }

  @Test
  void theConfigurationsLanguageReachesDiagnosticsAndHovers() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("lockstep.toml"), "lang = \"es\"\n");
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX);
      Diagnostic d = s.diagnostics(uri, 1).getDiagnostics().get(0);
      assertThat(d.getMessage()).isEqualTo("CREATE INDEX sobre orders toma un bloqueo SHARE durante toda la construcción: "
          + "INSERT, UPDATE y DELETE sobre orders esperan hasta que termine\nbloqueo: SHARE sobre orders; bloquea "
          + "escrituras (INSERT, UPDATE, DELETE); las lecturas continúan; recorre la tabla entera mientras mantiene el bloqueo");
      String md = hover(s, uri, new Position(1, 7)).getContents().getRight().getValue();
      assertThat(md).contains("**Bloqueo:** SHARE sobre orders")
          .contains("\n---\n\n" + dev.lockstep.rules.RuleDocs.markdown("require-concurrent-index", dev.lockstep.i18n.Language.ES));
    }
  }

  @Test
  void reloadsTheConfigurationWhenTheClientReportsItChanged() throws Exception {
    Path config = dir.resolve("lockstep.toml");
    Files.writeString(config, "[rules]\ndisable = [\"require-concurrent-index\"]\n");
    ClientCapabilities caps = new ClientCapabilities();
    WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
    ws.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
    caps.setWorkspace(ws);
    try (LspSession s = LspSession.started(LspSession.noDebounce(), caps)) {
      var registration = s.client.registrations.poll(30, TimeUnit.SECONDS);
      assertThat(registration.getRegistrations().get(0).getMethod()).isEqualTo("workspace/didChangeWatchedFiles");
      String uri = s.open(dir.resolve("sub/add_index.sql"), INDEX);
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).isEmpty();
      Files.writeString(config, "fail-level = \"error\"\n");
      s.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
          List.of(new FileEvent(config.toUri().toString(), FileChangeType.Changed))));
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).extracting(x -> x.getCode().getLeft())
          .containsExactly("require-concurrent-index");
    }
  }

  @Test
  void noticesAChangedConfigurationByItsTimeStampWithoutTheClient() throws Exception {
    Path config = dir.resolve(".lockstep.yaml");
    Files.writeString(config, "fail-level: error\n");
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("add_index.sql"), INDEX + "DROP TABLE customers;\n");
      List<Diagnostic> before = s.diagnostics(uri, 1).getDiagnostics();
      assertThat(before).extracting(x -> x.getCode().getLeft()).containsExactly("require-concurrent-index", "ban-drop-table");
      assertThat(before).extracting(Diagnostic::getSeverity)
          .as("a warning below the fail level is information").containsExactly(DiagnosticSeverity.Error, DiagnosticSeverity.Information);
      Files.writeString(config, "rules:\n  disable: [ban-drop-table]\n");
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).extracting(x -> x.getCode().getLeft())
          .containsExactly("require-concurrent-index");
      Files.writeString(config, "rules:\n  disable: [no-such-rule]\n");
      List<Diagnostic> broken = s.diagnostics(uri, 1).getDiagnostics();
      assertThat(broken).hasSize(1);
      assertThat(broken.get(0).getCode().getLeft()).isEqualTo("not-checked");
      assertThat(broken.get(0).getMessage()).startsWith("Not checked: the configuration cannot be used: ")
          .contains("no-such-rule");
    }
  }

  @Test
  void aFileTheConfigurationExcludesGetsNoDiagnostics() throws Exception {
    Files.writeString(dir.resolve("lockstep.toml"), "exclude = [\"seeds/**\"]\n");
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String seed = s.open(dir.resolve("seeds/data.sql"), INDEX);
      assertThat(s.diagnostics(seed, 1).getDiagnostics()).isEmpty();
      String migration = s.open(dir.resolve("migrations/add_index.sql"), INDEX);
      assertThat(s.diagnostics(migration, 1).getDiagnostics()).hasSize(1);
    }
  }

  @Test
  void frameworkDetectionIsLints() throws Exception {
    // a Flyway migration runs in a transaction: CONCURRENTLY cannot simply be added there
    Path flyway = dir.resolve("db/migration/V2__index.sql");
    Files.createDirectories(flyway.getParent());
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(flyway, INDEX);
      Diagnostic d = s.diagnostics(uri, 1).getDiagnostics().get(0);
      assertThat(actions(s, uri, d.getRange(), d).get(0).getIsPreferred()).isFalse();
    }
  }

  static List<CodeAction> actions(LspSession s, String uri, Range range, Diagnostic d) throws Exception {
    List<Either<org.eclipse.lsp4j.Command, CodeAction>> got = s.server.getTextDocumentService().codeAction(
        new CodeActionParams(new TextDocumentIdentifier(uri), range, new CodeActionContext(List.of(d))))
        .get(30, TimeUnit.SECONDS);
    return got.stream().map(Either::getRight).toList();
  }

  static CodeAction suppressAction(LspSession s, String uri, Diagnostic d) throws Exception {
    return actions(s, uri, d.getRange(), d).stream().filter(a -> a.getTitle().startsWith("Suppress "))
        .filter(a -> a.getDiagnostics().contains(d)).findFirst().orElseThrow();
  }

  static Hover hover(LspSession s, String uri, Position at) throws Exception {
    return s.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), at))
        .get(30, TimeUnit.SECONDS);
  }

  static List<TextEdit> edits(CodeAction a, String uri) {
    assertThat(a.getEdit().getChanges()).containsOnlyKeys(uri);
    return a.getEdit().getChanges().get(uri);
  }

  /**
   * Applies LSP edits the way a client does: all against the original text, inserts at one position
   * in the order of the array.
   */
  static String apply(String text, List<TextEdit> edits) {
    LineIndex lines = new LineIndex(text);
    List<TextEdit> sorted = edits.stream()
        .sorted((x, y) -> Integer.compare(lines.offset(x.getRange().getStart()), lines.offset(y.getRange().getStart())))
        .toList();
    StringBuilder sb = new StringBuilder(text);
    for (int i = sorted.size() - 1; i >= 0; i--) {
      TextEdit e = sorted.get(i);
      sb.replace(lines.offset(e.getRange().getStart()), lines.offset(e.getRange().getEnd()), e.getNewText());
    }
    return sb.toString();
  }
}
