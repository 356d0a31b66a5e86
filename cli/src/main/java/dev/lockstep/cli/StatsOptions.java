package dev.lockstep.cli;

import dev.lockstep.i18n.Text;
import dev.lockstep.config.Config;
import dev.lockstep.preflight.DatabaseAddress;
import dev.lockstep.preflight.SizedFindings;
import dev.lockstep.preflight.StatsReader;
import dev.lockstep.preflight.StatsSnapshot;
import dev.lockstep.report.LintReport;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * lint's table sizes: a stats snapshot (--stats, or stats in lockstep.toml) or a database read
 * live and read-only (--database-url), which turn rewrite and scan findings on small tables into
 * hints and add big tables' sizes to the others. The migration tools' history tables in it say which
 * earlier migrations are applied (live tables) and which are pending (new, empty tables).
 */
final class StatsOptions {
  @Option(names = "--stats", paramLabel = "FILE",
      description = "A snapshot written by 'lockstep stats' (default: stats in lockstep.toml): findings that rewrite or "
          + "scan tables below --small-table-rows become hints, findings on bigger tables carry their size.")
  Path stats;

  @Option(names = "--database-url", paramLabel = "URL",
      description = "A database: lint reads table sizes from it as --stats would (read-only); trace runs the "
          + "migrations on it (postgresql://user@host:port/database or a libpq keyword string).")
  String databaseUrl;

  @Option(names = "--small-table-rows", paramLabel = "N",
      description = "With --stats or --database-url: a table with fewer estimated rows is small (default: 10000).")
  Long smallTableRows;

  /**
   * The snapshot given (--stats, stats in lockstep.toml) or read from --database-url, or null
   * without either; read before linting, since its history tables' applied migrations decide which
   * earlier migrations are pending.
   */
  StatsSnapshot snapshot(Config config, CommandLine commandLine) {
    if (stats != null && databaseUrl != null) {
      throw Usage.error(commandLine, Text.of("give %s or %s, not both", "--stats", "--database-url"));
    }
    Path file = stats != null ? stats : config == null ? null : config.statsFile();
    if (databaseUrl != null) {
      DatabaseAddress address = LiveDatabase.address(databaseUrl, commandLine.getCommandSpec());
      try {
        return LiveDatabase.read(address, "lockstep lint", StatsReader::read);
      } catch (LiveDatabase.Unreadable | IOException e) {
        throw new CommandLine.ParameterException(commandLine, e.getMessage().replaceFirst("^lockstep: ", "--database-url: "));
      }
    }
    if (file == null) return null;
    try {
      return StatsSnapshot.read(file);
    } catch (IOException e) {
      throw Usage.error(commandLine, Text.of("%s: %s", "--stats", String.valueOf(e.getMessage())));
    }
  }

  /** The report weighed by the snapshot's table sizes, or as it is without a snapshot. */
  LintReport apply(LintReport report, StatsSnapshot snapshot, Config config) {
    if (snapshot == null) return report;
    long small = smallTableRows != null ? smallTableRows
        : config != null && config.smallTableRows() != null ? config.smallTableRows() : SizedFindings.DEFAULT_SMALL_TABLE_ROWS;
    return SizedFindings.apply(report, snapshot, small);
  }
}
