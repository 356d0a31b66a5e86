package dev.lockstep.preflight;

import dev.lockstep.engine.LockMode;
import dev.lockstep.i18n.Text;
import java.util.List;

/**
 * A table the migrations lock, as the database knows it now.
 *
 * @param writtenAs the name as the migrations write it
 * @param table the table it resolves to (schema-qualified), or null when the database has none by that name
 * @param estimatedRows null when never analyzed (or no table)
 * @param impacts what each finding on it costs at this size
 */
public record TableReport(String writtenAs, String table, Long estimatedRows, long totalBytes, List<Impact> impacts) {
  public TableReport {
    impacts = List.copyOf(impacts);
  }

  /** One finding's lock on this table and what it means here: "rewrites public.orders (12 GB, ...) under ACCESS EXCLUSIVE". */
  public record Impact(Site site, LockMode mode, Text text) {}
}
