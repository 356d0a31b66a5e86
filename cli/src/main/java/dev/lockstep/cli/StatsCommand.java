package dev.lockstep.cli;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import java.util.ArrayList;
import java.util.List;

import dev.lockstep.preflight.DatabaseAddress;
import dev.lockstep.preflight.Sessions;
import dev.lockstep.preflight.StatsReader;
import dev.lockstep.preflight.StatsSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a snapshot of a database for 'lint --stats': tables' estimated rows and sizes, their indexes "
        + "and whether each is valid, the server version, and the migrations the tools' history tables record as "
        + "applied. It holds no data values. The session is read-only. Exit 0, or 2 when the database cannot be read.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep stats --database-url postgresql://readonly@db/app > lockstep-stats.json",
        "  PGHOST=db PGDATABASE=app lockstep stats --output lockstep-stats.json"})
final class StatsCommand implements Callable<Integer> {
  @Option(names = "--database-url", paramLabel = "URL",
      description = "postgresql://[user[:password]@]host[:port]/database or a libpq keyword string (default: "
          + "LOCKSTEP_DATABASE_URL, else PGHOST, PGDATABASE, PGUSER, ... and ~/.pgpass as libpq reads them).")
  String databaseUrl;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the snapshot to FILE (atomically) instead of "
      + "standard output.")
  Path output;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DatabaseAddress address = LiveDatabase.address(databaseUrl, spec);
    PrintWriter err = spec.commandLine().getErr();
    Catalog catalog = Languages.choose(spec, null);
    StatsSnapshot snapshot;
    List<Text> notRead = new ArrayList<>();
    try {
      snapshot = LiveDatabase.read(address, Sessions.APPLICATION + " (stats)", c -> StatsReader.read(c, notRead));
    } catch (LiveDatabase.Unreadable | IOException e) {
      err.println(e.getMessage());
      return Main.EXIT_USAGE;
    }
    for (Text n : notRead) err.println(catalog.format("lockstep: not read: %s", n));
    try {
      if (output != null) snapshot.write(output);
      else {
        spec.commandLine().getOut().print(snapshot.toJson());
        spec.commandLine().getOut().flush();
      }
    } catch (IOException e) {
      err.println(catalog.format("lockstep: %s: cannot write: %s", String.valueOf(output), e.getMessage()));
      return Main.EXIT_USAGE;
    }
    return 0;
  }
}
