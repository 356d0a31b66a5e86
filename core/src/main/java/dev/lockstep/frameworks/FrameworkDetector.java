package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises the migration tool a file belongs to from what the tools themselves read: the markers
 * in the file, then the project's configuration (drizzle.config.*, Drizzle's journal, Prisma's
 * migration_lock.toml, sqitch.plan), then the file-name conventions each tool documents. Paths are
 * judged in {@link Canonical} form, so the verdict is the same whatever the working directory and
 * however the path was written.
 */
public final class FrameworkDetector {
  /**
   * A detection and why.
   *
   * @param evidence what decided it, in words
   * @param notes configuration that could not be read, so the detection fell back to markers
   */
  public record Detection(Framework framework, Text evidence, List<Text> notes) {
    public Detection {
      notes = List.copyOf(notes);
    }

    public Detection(Framework framework, Text evidence) {
      this(framework, evidence, List.of());
    }

    Detection withNotes(List<Text> more) {
      if (more.isEmpty()) return this;
      List<Text> all = new ArrayList<>(notes);
      all.addAll(more);
      return new Detection(framework, evidence, all);
    }
  }

  private static final Pattern GOOSE = Pattern.compile("(?m)^\\s*--\\s*\\+goose\\s+(Up|Down)\\b");
  private static final Pattern DBMATE = Pattern.compile("(?m)^\\s*--\\s*migrate:(up|down)\\b");
  static final Pattern LIQUIBASE = Pattern.compile("\\A\\s*--\\s*liquibase\\s+formatted\\s+sql", Pattern.CASE_INSENSITIVE);
  private static final Pattern DRIZZLE = Pattern.compile("--> statement-breakpoint");
  /** node-pg-migrate's SQL migrations: the same expression its loader uses. */
  static final Pattern NODE_PG_MIGRATE = Pattern.compile("(?im)^\\s*--[\\s-]*up\\s+migration");
  static final String POSTGRES_MIGRATIONS_OPT_OUT = "-- postgres-migrations disable-transaction";
  private static final Pattern FLYWAY_NAME = Pattern.compile("^(V[0-9][0-9._]*|U[0-9][0-9._]*|R)__.+\\.sql$");
  private static final Pattern NUMBERED_UP_DOWN = Pattern.compile("^[0-9]+_.+\\.(up|down)\\.sql$");
  private static final Pattern POP_NAME = Pattern.compile("^[0-9]{14,}.*\\.(postgres\\.|autocommit\\.|postgres\\.autocommit\\.)?(up|down)\\.sql$");
  private static final Pattern DUMP = Pattern.compile("SELECT pg_catalog\\.set_config\\('search_path', '', false\\)");
  /** The file names node-pg-migrate and postgres-migrations give migrations: a number first. */
  private static final Pattern NUMBERED_SQL = Pattern.compile("^[0-9]+[_-][^/]*\\.sql$");
  /** How far up from a migration its project's configuration is looked for. */
  private static final int MAX_LEVELS = 10;

  private FrameworkDetector() {}

  public static Detection detect(Path path, String text) {
    Path file = Canonical.of(path);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String unixPath = file.toString().replace('\\', '/');
    if (LIQUIBASE.matcher(text).find()) return new Detection(Framework.LIQUIBASE, Text.of("%s header", "'--liquibase formatted sql'"));
    if (GOOSE.matcher(text).find()) return new Detection(Framework.GOOSE, Text.of("%s marker", "'-- +goose Up'"));
    if (DBMATE.matcher(text).find()) return new Detection(Framework.DBMATE, Text.of("%s marker", "'-- migrate:up'"));
    if (DRIZZLE.matcher(text).find()) return new Detection(Framework.DRIZZLE, Text.of("%s marker", "'--> statement-breakpoint'"));
    if (text.contains(POSTGRES_MIGRATIONS_OPT_OUT)) {
      return new Detection(Framework.POSTGRES_MIGRATIONS, Text.of("%s marker", "'" + POSTGRES_MIGRATIONS_OPT_OUT + "'"));
    }
    if (NODE_PG_MIGRATE.matcher(text).find()) return new Detection(Framework.NODE_PG_MIGRATE, Text.of("%s marker", "'-- Up Migration'"));
    if (DUMP.matcher(text).find()) return new Detection(Framework.SCHEMA_DUMP, Text.of("%s header", "pg_dump"));
    List<Text> notes = new ArrayList<>();
    Detection project = fromProject(file, name, notes);
    if (project != null) return project.withNotes(notes);
    return byName(file, name, unixPath, text).withNotes(notes);
  }

  /** From the configuration of the tools whose files carry no marker. */
  private static Detection fromProject(Path file, String name, List<Text> notes) {
    Path folder = file.getParent();
    if (folder == null) return null;
    if (Files.isRegularFile(folder.resolve("meta").resolve("_journal.json"))) {
      return new Detection(Framework.DRIZZLE, Text.of("%s in its folder", "meta/_journal.json"));
    }
    if (name.equals("migration.sql") && folder.getParent() != null
        && Files.isRegularFile(folder.getParent().resolve("migration_lock.toml"))) {
      return new Detection(Framework.PRISMA, Text.of("%s in the migrations folder", "migration_lock.toml"));
    }
    LiquibaseChangelog changelog = LiquibaseChangelog.including(file);
    if (changelog != null && changelog.problems().isEmpty()) {
      return new Detection(Framework.LIQUIBASE, Text.of("%s runs it (%s)", changelog.master().getFileName().toString(),
          changelog.configured() == null ? Text.of("a changelog beside it") : changelog.configured()));
    }
    if (changelog != null) {
      LiquibaseChangelog.Problem p = changelog.problems().get(0);
      notes.add(Text.of("%s:%s:%s: %s; files there are detected by their markers only", p.file().toString(), p.line(),
          p.column(), p.message()));
    }
    Path dir = folder;
    for (int level = 0; dir != null && level < MAX_LEVELS; level++, dir = dir.getParent()) {
      for (DrizzleConfig config : DrizzleConfig.in(dir)) {
        if (config.note() != null) notes.add(config.note());
        Path out = config.holding(file);
        if (out != null) {
          String relative = dir.relativize(out).toString().replace('\\', '/');
          return new Detection(Framework.DRIZZLE, Text.of("%s (out: %s)", String.valueOf(config.file().getFileName()), relative));
        }
      }
      if (Files.exists(dir.resolve(".git"))) break; // a project's configuration stays inside its repository
    }
    EnvFile env = EnvFile.nearest(folder, MAX_LEVELS);
    if (env != null && env.note() != null) notes.add(env.note());
    if (env != null) {
      for (var e : env.folders().entrySet()) {
        if (Canonical.of(e.getValue().getValue()).equals(folder)) {
          return new Detection(e.getKey(), Text.of(".env %s", e.getValue().getKey()));
        }
      }
    }
    if (NUMBERED_SQL.matcher(name).matches()) {
      PackageJson pkg = PackageJson.nearest(folder, MAX_LEVELS);
      if (pkg != null && pkg.note() != null) notes.add(pkg.note());
      // a project with both tools is left to markers and lockstep.toml
      if (pkg != null && pkg.tools().size() == 1) {
        Framework tool = Framework.fromId(pkg.tools().iterator().next());
        return new Detection(tool, Text.of("%s depends on %s, file name %s", "package.json", tool.id(), name));
      }
    }
    return null;
  }

  /** From the file-name and folder conventions the tools document. */
  private static Detection byName(Path file, String name, String unixPath, String text) {
    if (name.equals("migration.sql") && unixPath.matches(".*/migrations/[^/]+/migration\\.sql")) {
      return new Detection(Framework.PRISMA, Text.of("%s layout", "prisma migrations/<name>/migration.sql"));
    }
    if (unixPath.matches(".*/hasura/migrations/[^/]+/(up|down)\\.sql") || hasAncestorFile(file, "config.yaml")
        && (name.equals("up.sql") || name.equals("down.sql"))) {
      return new Detection(Framework.HASURA, Text.of("%s layout", "hasura migrations/<version>_<name>/up.sql"));
    }
    if (unixPath.matches(".*/(deploy|revert|verify)/.*\\.sql") && hasAncestorFile(file, "sqitch.plan")) {
      return new Detection(Framework.SQITCH, Text.of("%s folders beside %s", "sqitch deploy/revert/verify", "sqitch.plan"));
    }
    if (FLYWAY_NAME.matcher(name).matches()) return new Detection(Framework.FLYWAY, Text.of("%s file name %s", "Flyway", name));
    boolean goTemplate = text.contains("{{") && text.contains("}}");
    if (name.contains(".autocommit.") || name.contains(".postgres.")
        || (POP_NAME.matcher(name).matches() || NUMBERED_UP_DOWN.matcher(name).matches()) && goTemplate) {
      return new Detection(Framework.POP, Text.of("%s file name %s", "gobuffalo/pop", name));
    }
    if (NUMBERED_UP_DOWN.matcher(name).matches()) return new Detection(Framework.GOLANG_MIGRATE, Text.of("%s file name %s", "golang-migrate", name));
    if (unixPath.matches(".*/supabase/migrations/[^/]+\\.sql")) {
      return new Detection(Framework.SUPABASE, Text.of("%s folder", "supabase/migrations"));
    }
    return new Detection(Framework.PLAIN, Text.of("no framework marker or layout: plain SQL run statement by statement"));
  }

  /** A file of this (relative) name in the file's folder or one of its parents. */
  private static boolean hasAncestorFile(Path file, String relative) {
    Path dir = file.getParent();
    for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) return true;
    }
    return false;
  }
}
