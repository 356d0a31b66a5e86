package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import dev.lockstep.engine.TransactionPlan;
import java.util.Locale;

/** The migration tools whose file conventions and transaction rules lockstep knows. docs/frameworks.md has the details. */
public enum Framework {
  FLYWAY, LIQUIBASE, GOOSE, DBMATE, GOLANG_MIGRATE, DRIZZLE, PRISMA, SQITCH, POP, HASURA, SUPABASE,
  NODE_PG_MIGRATE, POSTGRES_MIGRATIONS,
  /** An in-house runner whose transaction model lockstep.toml's [frameworks] declares. */
  CUSTOM,
  /** SQL run by psql or a plain runner, statement by statement (autocommit). */
  PLAIN,
  /** pg_dump output such as Rails' structure.sql: restored into an empty database with psql. */
  SCHEMA_DUMP;

  /** The id used on the command line and in configuration, e.g. "golang-migrate". */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The tool as advice names it; null for plain SQL and dumps, which no tool runs. */
  public TransactionPlan.Runner runner() {
    TransactionPlan.Tool tool = tool();
    return switch (this) {
      case PLAIN, SCHEMA_DUMP -> null;
      // both run every pending migration in one transaction by default
      case DRIZZLE, NODE_PG_MIGRATE -> new TransactionPlan.Runner(tool, true, null);
      case GOOSE -> new TransactionPlan.Runner(tool, false, "-- +goose NO TRANSACTION");
      case DBMATE -> new TransactionPlan.Runner(tool, false, "-- migrate:up transaction:false");
      case LIQUIBASE -> new TransactionPlan.Runner(tool, false, "runInTransaction:false");
      case FLYWAY -> new TransactionPlan.Runner(tool, false, "executeInTransaction=false");
      case POSTGRES_MIGRATIONS -> new TransactionPlan.Runner(tool, false, "-- postgres-migrations disable-transaction");
      default -> new TransactionPlan.Runner(tool, false, null);
    };
  }

  /** The same tool as the engine knows it. */
  public TransactionPlan.Tool tool() {
    return TransactionPlan.Tool.valueOf(name());
  }

  /** The tool of that id; an in-house runner is declared in lockstep.toml, never named. */
  public static Framework fromId(String id) {
    for (Framework f : values()) if (f != CUSTOM && f.id().equals(id)) return f;
    throw new TextException(Text.of("unknown framework '%s'", id));
  }
}
