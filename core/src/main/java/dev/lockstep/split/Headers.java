package dev.lockstep.split;

import dev.lockstep.fix.Relocation;
import dev.lockstep.i18n.Catalog;
import java.nio.file.Path;
import java.util.List;

/** The comment at the top of a new migration: where it came from and why it stands alone. */
final class Headers {
  private Headers() {}

  /** A comment line, e.g. "-- Split from V2__index.sql by lockstep fix --split: ...". */
  static String sql(String commentPrefix, Path original, List<Relocation> group, Catalog catalog) {
    return commentPrefix + " " + why(name(original), group, catalog) + "\n";
  }

  /** In the reader's language: the comment lands in their repository. */
  static String why(String origin, List<Relocation> group, Catalog catalog) {
    return group.get(0).outsideTransaction()
        ? catalog.format("Split from %s by lockstep fix --split: it must run outside a transaction block.", origin)
        : catalog.format("Split from %s by lockstep fix --split: it must run in a transaction of its own, after %s commits.",
            origin, origin);
  }

  /** The file name, with its folder where the folder names the migration (Prisma's migration.sql). */
  static String name(Path file) {
    String name = file.getFileName().toString();
    return name.equals("migration.sql") && file.getParent() != null ? file.getParent().getFileName() + "/" + name : name;
  }

  /**
   * Whether {@code existing} is the file a split writes as {@code written}: the same text, or the same
   * after the leading comment lines of both, which an earlier run may have written in another language.
   */
  static boolean sameSplit(String existing, String written) {
    if (existing.equals(written)) return true;
    int a = afterComments(existing);
    int b = afterComments(written);
    return a > 0 && b > 0 && a < existing.length() && existing.substring(a).equals(written.substring(b));
  }

  /** Where the text's leading "--" or "//" comment lines end. */
  private static int afterComments(String text) {
    int at = 0;
    while (text.startsWith("--", at) || text.startsWith("//", at)) {
      int nl = text.indexOf('\n', at);
      if (nl < 0) return at;
      at = nl + 1;
    }
    return at;
  }
}
