package dev.lockstep.fix;

import java.util.List;

/**
 * A safe rewrite that needs a migration of its own, run after the one it came from: edits to this
 * file (remove the statement, or add NOT VALID) and the SQL of the new migration. It is what
 * {@code lockstep fix --split} writes, in the form of the file's migration tool.
 *
 * @param edits              changes to the original file
 * @param sql                the new migration's statement, with its terminator
 * @param outsideTransaction the new migration must run outside any transaction block (CONCURRENTLY);
 *                           otherwise it only needs a transaction of its own
 * @param object             the name of what the statement creates or validates: a later statement of the
 *                           original that mentions it keeps the statement where it is
 * @param undo               SQL that reverses the new migration for down files, or null
 * @param slug               a short name for the new migration's file, e.g. "orders_customer_idx_concurrently"
 */
public record Relocation(String title, List<TextEdit> edits, String sql, boolean outsideTransaction, String object,
                         String undo, String slug) {
  public Relocation {
    edits = List.copyOf(edits);
  }

  /** Where the relocated statement sat in the original: its first edit. */
  public int anchor() {
    return edits.get(0).start();
  }
}
