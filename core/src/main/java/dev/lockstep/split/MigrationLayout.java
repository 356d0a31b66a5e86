package dev.lockstep.split;

import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.util.List;

/** How one migration tool lays out a migration that runs right after another. */
interface MigrationLayout {
  /**
   * Whether a migration that runs outside a transaction may hold only one statement: tools that
   * send the whole file in one call run several statements in an implicit transaction block.
   */
  boolean oneStatementOutsideTransaction();

  /**
   * The plan for {@code file}: {@code rest} is its text with every move's edits applied, and each
   * group becomes one new migration, in order.
   */
  SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused;
}
