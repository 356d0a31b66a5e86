package dev.lockstep.split;

import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.util.List;

/** The comment at the top of a new migration: where it came from and why it stands alone. */
final class Headers {
  private Headers() {}

  /** A comment line, e.g. "-- Split from V2__index.sql by lockstep fix --split: ...". */
  static String sql(String commentPrefix, Path original, List<Relocation> group) {
    return commentPrefix + " " + why(name(original), group) + "\n";
  }

  static String why(String origin, List<Relocation> group) {
    String reason = group.get(0).outsideTransaction()
        ? "it must run outside a transaction block"
        : "it must run in a transaction of its own, after " + origin + " commits";
    return "Split from " + origin + " by lockstep fix --split: " + reason + ".";
  }

  /** The file name, with its folder where the folder names the migration (Prisma's migration.sql). */
  static String name(Path file) {
    String name = file.getFileName().toString();
    return name.equals("migration.sql") && file.getParent() != null ? file.getParent().getFileName() + "/" + name : name;
  }
}
