package dev.lockstep.cli;

import dev.lockstep.report.Version;
import picocli.CommandLine;

/** `lockstep --version`. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"lockstep " + Version.current() + " (PostgreSQL 18 parser: libpg_query "
        + Version.libpgQuery() + ")"};
  }
}
