package dev.lockstep.frameworks;

import java.util.Locale;

/** The migration tools whose file conventions and transaction rules lockstep knows. docs/frameworks.md has the details. */
public enum Framework {
  FLYWAY, LIQUIBASE, GOOSE, DBMATE, GOLANG_MIGRATE, DRIZZLE, PRISMA, SQITCH, POP, HASURA, SUPABASE,
  /** SQL run by psql or a plain runner, statement by statement (autocommit). */
  PLAIN,
  /** pg_dump output such as Rails' structure.sql: restored into an empty database with psql. */
  SCHEMA_DUMP;

  /** The id used on the command line and in configuration, e.g. "golang-migrate". */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Framework fromId(String id) {
    for (Framework f : values()) if (f.id().equals(id)) return f;
    throw new IllegalArgumentException("unknown framework '" + id + "'");
  }
}
