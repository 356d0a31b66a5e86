package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents the server cannot fully check: each says so in a diagnostic, and the server goes on serving. */
class BadInputTest {
  @TempDir
  Path dir;

  @Test
  void aSyntaxErrorIsADiagnosticAtItsPositionAndTheStatementsAroundItAreStillChecked() throws Exception {
    String sql = "SET lock_timeout = '2s';\nCREATE INDEX i ON t (a);\nALTER TABLE t ADD COLUMN b int SELEC;\nDROP TABLE x;\n";
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("broken.sql"), sql);
      List<Diagnostic> ds = s.diagnostics(uri, 1).getDiagnostics();
      assertThat(ds).extracting(d -> d.getCode().getLeft())
          .containsExactly("require-concurrent-index", "ban-drop-table", "syntax-error");
      assertThat(ds).extracting(d -> d.getRange().getStart().getLine()).containsExactly(1, 3, 2);
      Diagnostic syntax = ds.get(2);
      int at = "ALTER TABLE t ADD COLUMN b int ".length();
      assertThat(syntax.getRange()).isEqualTo(new Range(new Position(2, at), new Position(2, at + "SELEC".length())));
      assertThat(syntax.getSeverity()).isEqualTo(DiagnosticSeverity.Error);
      assertThat(syntax.getMessage()).isEqualTo("syntax error at or near \"SELEC\" (PostgreSQL rejects this statement: "
          + "it was skipped and not checked)");
    }
  }

  @Test
  void binaryTextIsOneDiagnostic() throws Exception {
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("blob.sql"), "SELECT 1;\n\u0000\u0001\u0002PNG");
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).singleElement().satisfies(d -> {
        assertThat(d.getCode().getLeft()).isEqualTo("not-checked");
        assertThat(d.getMessage()).isEqualTo("Not checked: the file contains a NUL byte (binary file?) at 2:1");
        assertThat(d.getRange()).isEqualTo(new Range(new Position(0, 0), new Position(0, 0)));
      });
      assertServes(s);
    }
  }

  @Test
  void aFileOnDiskThatIsNotUtf8IsOneDiagnosticHoweverTheEditorDecodedIt() throws Exception {
    Path file = dir.resolve("latin1.sql");
    Files.write(file, "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(file, Files.readString(file, StandardCharsets.ISO_8859_1));
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).singleElement().satisfies(d ->
          assertThat(d.getMessage()).isEqualTo("Not checked: the file is not valid UTF-8: byte 0xE9 at 1:12"));
      Files.writeString(file, "SELECT 'caf\u00e9';\n"); // saved as UTF-8: checked again
      s.server.getTextDocumentService().didSave(new org.eclipse.lsp4j.DidSaveTextDocumentParams(
          new org.eclipse.lsp4j.TextDocumentIdentifier(uri)));
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).isEmpty();
    }
  }

  @Test
  void aHugeFileIsOneDiagnostic() throws Exception {
    StringBuilder sql = new StringBuilder();
    String line = "INSERT INTO t VALUES (1, 'a row of a big data migration');\n";
    while (sql.length() <= (16 << 20)) sql.append(line);
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(dir.resolve("huge.sql"), sql.toString());
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).singleElement().satisfies(d -> {
        assertThat(d.getCode().getLeft()).isEqualTo("not-checked");
        assertThat(d.getMessage()).startsWith("Not checked: the file is 16.0 MiB, larger than max-file-size (16 MiB)");
      });
      assertServes(s);
    }
  }

  @Test
  void aDownMigrationSaysItWasNotLinted() throws Exception {
    Path down = dir.resolve("migrations/20240101000000_add_index.down.sql");
    Files.createDirectories(down.getParent());
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = s.open(down, "DROP TABLE orders;\n");
      assertThat(s.diagnostics(uri, 1).getDiagnostics()).singleElement().satisfies(d -> {
        assertThat(d.getSeverity()).isEqualTo(DiagnosticSeverity.Information);
        assertThat(d.getMessage()).startsWith("Not linted: ");
      });
    }
  }

  /** A document opened after the bad one still gets its findings. */
  static void assertServes(LspSession s) throws Exception {
    String uri = s.open(Path.of("after.sql").toAbsolutePath(), LanguageServerTest.INDEX);
    assertThat(s.diagnostics(uri, 1).getDiagnostics()).extracting(d -> d.getCode().getLeft())
        .containsExactly("require-concurrent-index");
  }
}
