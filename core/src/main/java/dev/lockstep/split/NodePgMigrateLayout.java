package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.fix.Relocation;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * node-pg-migrate: a new JavaScript migration &lt;prefix&gt;_&lt;name&gt;.cjs with the next free prefix
 * (node-pg-migrate orders migrations by their numeric prefix), whose {@code up} calls
 * {@code pgm.noTransaction()}. An SQL migration has no way out of node-pg-migrate's transaction,
 * which by default holds every pending migration of the run; a migration that calls
 * {@code pgm.noTransaction()} makes node-pg-migrate commit the run so far, run the migration's
 * queries on their own, and open a new transaction for the migrations after it. So a statement
 * that must run outside a transaction gets a {@code pgm.sql} call of its own, and statements that
 * need a transaction after the original's get one {@code pgm.sql} call together: PostgreSQL runs
 * several statements sent in one query as one transaction. CommonJS, which every node-pg-migrate
 * loader reads whatever the project's module type.
 */
final class NodePgMigrateLayout implements MigrationLayout {
  private final Catalog catalog;

  NodePgMigrateLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  /** node-pg-migrate reads a prefix of 17 digits as a UTC time, yyyyMMddHHmmssSSS. */
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final String BAD_TIME = "node-pg-migrate reads the 17-digit prefix %s as a UTC time, and the next "
      + "one (%s) is not a valid time: name the new migration by hand";

  @Override
  public boolean oneStatementOutsideTransaction() {
    return false;
  }

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    String version = NumberedNames.version(file.getFileName().toString());
    List<SplitPlan.NewFile> files = NumberedNames.after(file.getParent(), version, groups.size(), (i, next) -> {
      List<Relocation> group = groups.get(i);
      return List.of(new SplitPlan.NewFile(file.resolveSibling(next + "_" + Splitter.slug(group) + ".cjs"),
          migration(file, group), null));
    });
    if (version.length() == 17) {
      for (SplitPlan.NewFile f : files) {
        String prefix = NumberedNames.version(f.path().getFileName().toString());
        try {
          LocalDateTime.parse(prefix, UTC);
        } catch (DateTimeParseException e) {
          throw new SplitRefused(String.format(BAD_TIME, version, prefix));
        }
      }
    }
    return new SplitPlan(rest, files, List.of());
  }

  /**
   * The migration's JavaScript: up runs the group, down its undo (or is false, which node-pg-migrate
   * refuses to roll back, when no undo is known), both outside node-pg-migrate's transaction.
   */
  private String migration(Path original, List<Relocation> group) {
    boolean outside = group.get(0).outsideTransaction();
    StringBuilder sb = new StringBuilder(Headers.sql("//", original, group, catalog));
    sb.append(outside
        ? "// pgm.noTransaction(): node-pg-migrate commits the migrations before this one, then runs each statement on its own.\n"
        : "// pgm.noTransaction(): node-pg-migrate commits the migrations before this one; the statements, sent in one "
            + "query, run in one transaction.\n");
    sb.append("exports.up = (pgm) => {\n  pgm.noTransaction();\n");
    List<String> up = new ArrayList<>();
    for (Relocation r : group) up.add(r.sql().strip());
    calls(sb, up, outside);
    sb.append("};\n\n");
    List<String> undo = new ArrayList<>();
    for (int i = group.size() - 1; i >= 0; i--) if (group.get(i).undo() != null) undo.add(group.get(i).undo().strip());
    if (undo.isEmpty()) {
      // false: node-pg-migrate refuses to roll back past it rather than pretend it undid something
      sb.append("// No down migration: lockstep knows no undo for these statements; write one before rolling back past "
          + "this migration.\nexports.down = false;\n");
    } else {
      sb.append("exports.down = (pgm) => {\n  pgm.noTransaction();\n");
      calls(sb, undo, outside);
      sb.append("};\n");
    }
    return sb.toString();
  }

  /** One pgm.sql call per statement outside a transaction, else one call for all (one implicit transaction). */
  private static void calls(StringBuilder sb, List<String> statements, boolean eachAlone) {
    if (eachAlone) {
      for (String s : statements) sb.append("  pgm.sql(").append(literal(s)).append(");\n");
    } else {
      sb.append("  pgm.sql(").append(literal(String.join("\n", statements))).append(");\n");
    }
  }

  /** A JavaScript template literal holding {@code sql} as it is. */
  static String literal(String sql) {
    return "`" + sql.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${") + "`";
  }
}
