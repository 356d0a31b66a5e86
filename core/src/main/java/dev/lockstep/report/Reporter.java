package dev.lockstep.report;

import java.io.IOException;

/** Writes a report in one output format. */
public interface Reporter {
  void write(LintReport report, Appendable out) throws IOException;
}
