package dev.lockstep.frameworks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Recognises the migration tool a file belongs to, from its markers first and its path second
 * (the conventions each tool documents), with the reason in words.
 */
public final class FrameworkDetector {
  /** A detection and why. */
  public record Detection(Framework framework, String reason) {}

  private static final Pattern GOOSE = Pattern.compile("(?m)^\\s*--\\s*\\+goose\\s+(Up|Down)\\b");
  private static final Pattern DBMATE = Pattern.compile("(?m)^\\s*--\\s*migrate:(up|down)\\b");
  private static final Pattern LIQUIBASE = Pattern.compile("\\A\\s*--\\s*liquibase\\s+formatted\\s+sql", Pattern.CASE_INSENSITIVE);
  private static final Pattern DRIZZLE = Pattern.compile("--> statement-breakpoint");
  private static final Pattern FLYWAY_NAME = Pattern.compile("^(V[0-9][0-9._]*|U[0-9][0-9._]*|R)__.+\\.sql$");
  private static final Pattern NUMBERED_UP_DOWN = Pattern.compile("^[0-9]+_.+\\.(up|down)\\.sql$");
  private static final Pattern POP_NAME = Pattern.compile("^[0-9]{14,}.*\\.(postgres\\.|autocommit\\.|postgres\\.autocommit\\.)?(up|down)\\.sql$");
  private static final Pattern DUMP = Pattern.compile("SELECT pg_catalog\\.set_config\\('search_path', '', false\\)");

  private FrameworkDetector() {}

  public static Detection detect(Path path, String text) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String unixPath = path.toString().replace('\\', '/');
    if (LIQUIBASE.matcher(text).find()) return new Detection(Framework.LIQUIBASE, "'--liquibase formatted sql' header");
    if (GOOSE.matcher(text).find()) return new Detection(Framework.GOOSE, "'-- +goose Up' marker");
    if (DBMATE.matcher(text).find()) return new Detection(Framework.DBMATE, "'-- migrate:up' marker");
    if (DRIZZLE.matcher(text).find()) return new Detection(Framework.DRIZZLE, "'--> statement-breakpoint' marker");
    if (DUMP.matcher(text).find()) return new Detection(Framework.SCHEMA_DUMP, "pg_dump header");
    if (name.equals("migration.sql") && unixPath.matches(".*/migrations/[^/]+/migration\\.sql")) {
      return new Detection(Framework.PRISMA, "prisma migrations/<name>/migration.sql layout");
    }
    if (unixPath.matches(".*/hasura/migrations/[^/]+/(up|down)\\.sql") || hasAncestorFile(path, "config.yaml")
        && (name.equals("up.sql") || name.equals("down.sql"))) {
      return new Detection(Framework.HASURA, "hasura migrations/<version>_<name>/up.sql layout");
    }
    if (unixPath.matches(".*/(deploy|revert|verify)/.*\\.sql") && hasAncestorFile(path, "sqitch.plan")) {
      return new Detection(Framework.SQITCH, "sqitch deploy/revert/verify folders beside sqitch.plan");
    }
    if (FLYWAY_NAME.matcher(name).matches()) return new Detection(Framework.FLYWAY, "Flyway file name " + name);
    boolean goTemplate = text.contains("{{") && text.contains("}}");
    if (name.contains(".autocommit.") || name.contains(".postgres.")
        || (POP_NAME.matcher(name).matches() || NUMBERED_UP_DOWN.matcher(name).matches()) && goTemplate) {
      return new Detection(Framework.POP, "gobuffalo/pop file name " + name);
    }
    if (NUMBERED_UP_DOWN.matcher(name).matches()) return new Detection(Framework.GOLANG_MIGRATE, "file name " + name);
    if (unixPath.matches(".*/supabase/migrations/[^/]+\\.sql")) {
      return new Detection(Framework.SUPABASE, "supabase/migrations folder");
    }
    if (unixPath.matches(".*/drizzle/[^/]+\\.sql") && hasAncestorFile(path, "meta/_journal.json")) {
      return new Detection(Framework.DRIZZLE, "drizzle folder with meta/_journal.json");
    }
    return new Detection(Framework.PLAIN, "no framework marker or layout: plain SQL run statement by statement");
  }

  /** A file of this (relative) name in the file's folder or one of its parents. */
  private static boolean hasAncestorFile(Path path, String relative) {
    Path dir = path.toAbsolutePath().getParent();
    for (int i = 0; dir != null && i < 8; i++, dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) return true;
    }
    return false;
  }
}
