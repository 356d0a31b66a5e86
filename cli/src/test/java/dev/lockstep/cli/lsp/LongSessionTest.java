package dev.lockstep.cli.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long editing session: the server's memory must not grow with the number of edits. */
class LongSessionTest {
  private static final int EDITS = 10_000;
  /** Generous: the retained heap of a session is a few MiB; a leak of 1 KiB per edit would exceed this. */
  private static final long MARGIN_BYTES = 8L << 20;

  @TempDir
  Path dir;

  @Test
  void tenThousandEditsLeaveTheHeapWhereItWas() throws Exception {
    long baseline = 0;
    try (LspSession s = LspSession.started(LspSession.noDebounce())) {
      String uri = null;
      int version = 0;
      for (int edit = 1; edit <= EDITS; edit++) {
        if (edit % 1000 == 1) { // now and then a document is closed and another opened
          if (uri != null) s.server.getTextDocumentService().didClose(
              new org.eclipse.lsp4j.DidCloseTextDocumentParams(new org.eclipse.lsp4j.TextDocumentIdentifier(uri)));
          uri = s.open(dir.resolve("V" + edit + "__edit.sql"), migration(edit));
          version = 1;
          continue;
        }
        s.change(uri, ++version, migration(edit));
        if (edit % 25 == 0) { // let a lint finish now and then, as a typist's pauses do
          assertThat(s.diagnostics(uri, version).getDiagnostics()).isNotEmpty();
          s.client.diagnostics.values().forEach(java.util.Collection::clear);
        }
        if (edit == 2000) baseline = heapAfterGc();
      }
      long end = heapAfterGc();
      System.out.printf("heap after GC: %d KiB after 2,000 edits, %d KiB after %,d%n", baseline >> 10, end >> 10, EDITS);
      assertThat(end - baseline).as("heap growth over %,d edits", EDITS - 2000).isLessThan(MARGIN_BYTES);
    }
  }

  /** A migration of some 30 lines whose text changes with every edit, as typing does. */
  static String migration(int edit) {
    StringBuilder sb = new StringBuilder("SET lock_timeout = '2s';\n");
    for (int i = 0; i < 6; i++) {
      sb.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, note text);\n");
      sb.append("CREATE INDEX t").append(i).append("_note ON orders (note_").append(edit).append(");\n");
      sb.append("ALTER TABLE orders ADD COLUMN c").append(i).append(" integer;\n");
      sb.append("-- edit ").append(edit).append('\n');
    }
    return sb.toString();
  }

  private static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // the lowest of several collections: a lint in flight holds garbage
      System.gc();
      Thread.sleep(100);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
