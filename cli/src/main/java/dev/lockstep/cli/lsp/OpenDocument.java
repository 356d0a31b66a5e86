package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.Text;
import java.nio.file.Path;

/**
 * One version of a document the client has open: its text as the editor holds it (which wins over
 * the file on disk), and a problem with the file on disk (not UTF-8) found when it was opened or saved.
 */
record OpenDocument(String uri, Path path, int version, String text, Text diskProblem) {
  OpenDocument withText(int newVersion, String newText) {
    return new OpenDocument(uri, path, newVersion, newText, diskProblem);
  }

  OpenDocument withDiskProblem(Text problem) {
    return new OpenDocument(uri, path, version, text, problem);
  }
}
