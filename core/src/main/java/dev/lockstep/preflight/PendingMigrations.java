package dev.lockstep.preflight;

import dev.lockstep.frameworks.Framework;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which migration files a tool's history table already records as applied, so that preflight
 * looks only at the ones about to run. Files are matched by what the tool itself records: the
 * Flyway version, the goose, dbmate, pop and Supabase version prefix, golang-migrate's and
 * Hasura's current version, the Prisma folder, the sqitch change, Drizzle's hash and journal time
 * ({@link DrizzleApplied}) and Liquibase's changesets ({@link LiquibaseApplied}).
 */
public final class PendingMigrations {
  private static final Pattern FLYWAY = Pattern.compile("V([0-9][0-9._]*)__.*");
  private static final Pattern LEADING_NUMBER = Pattern.compile("([0-9]+).*");

  private final List<StatsSnapshot.AppliedMigration> applied;

  public PendingMigrations(List<StatsSnapshot.AppliedMigration> applied) {
    this.applied = List.copyOf(applied);
  }

  /**
   * The history table that records the file as applied (with the reason after a colon when the
   * tool skips it without a row of its own), or null when it is pending (or cannot be told).
   */
  public String appliedIn(Framework framework, Path path) {
    String name = path.getFileName().toString();
    return switch (framework) {
      case FLYWAY -> {
        Matcher m = FLYWAY.matcher(name);
        yield m.matches() ? find("flyway", flywayVersion(m.group(1))) : null;
      }
      case GOOSE -> find("goose", number(name));
      case DBMATE -> find("dbmate", number(name));
      case POP -> find("pop", number(name));
      case SUPABASE -> find("supabase", number(name));
      case GOLANG_MIGRATE -> upTo("golang-migrate", number(name));
      case HASURA -> upTo("hasura", path.getParent() == null ? null : number(path.getParent().getFileName().toString()));
      case PRISMA -> path.getParent() == null ? null : find("prisma", path.getParent().getFileName().toString());
      case SQITCH -> findName("sqitch", name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name);
      case DRIZZLE -> DrizzleApplied.appliedIn(path, rowsOf("drizzle"));
      // a plain SQL file a changelog includes is a Liquibase changeset too (id raw, author includeAll)
      case LIQUIBASE, PLAIN -> LiquibaseApplied.appliedIn(path, rowsOf("liquibase"));
      default -> null;
    };
  }

  /** "1.2.3" for "1_2_3", "01.2" and "1.2.3": Flyway compares versions part by part, as numbers. */
  static String flywayVersion(String text) {
    StringBuilder sb = new StringBuilder();
    for (String part : text.replace('_', '.').split("\\.")) {
      if (part.isEmpty()) continue;
      if (sb.length() > 0) sb.append('.');
      sb.append(part.matches("[0-9]+") ? new BigInteger(part).toString() : part);
    }
    return sb.toString();
  }

  private static String number(String name) {
    Matcher m = LEADING_NUMBER.matcher(name);
    return m.matches() ? new BigInteger(m.group(1)).toString() : null;
  }

  private String find(String tool, String version) {
    if (version == null) return null;
    for (StatsSnapshot.AppliedMigration a : applied) {
      if (!a.tool().equals(tool) || a.version() == null) continue;
      String recorded = tool.equals("flyway") ? flywayVersion(a.version())
          : tool.equals("prisma") ? a.version() : numeric(a.version());
      if (version.equals(recorded)) return a.table();
    }
    return null;
  }

  private List<StatsSnapshot.AppliedMigration> rowsOf(String tool) {
    return applied.stream().filter(a -> a.tool().equals(tool)).toList();
  }

  private String findName(String tool, String name) {
    for (StatsSnapshot.AppliedMigration a : applied) if (a.tool().equals(tool) && name.equals(a.name())) return a.table();
    return null;
  }

  /** Tools that record only the current version: every version up to it is applied. */
  private String upTo(String tool, String version) {
    if (version == null) return null;
    for (StatsSnapshot.AppliedMigration a : applied) {
      if (!a.tool().equals(tool) || a.version() == null || numeric(a.version()) == null) continue;
      if (new BigInteger(version).compareTo(new BigInteger(numeric(a.version()))) <= 0) return a.table();
    }
    return null;
  }

  private static String numeric(String version) {
    return version.strip().matches("[0-9]+") ? new BigInteger(version.strip()).toString() : null;
  }

  /** The tools whose history was found, for the report. */
  public Set<String> tools() {
    Set<String> out = new HashSet<>();
    applied.forEach(a -> out.add(a.tool()));
    return out;
  }
}
