package dev.lockstep.split;

import dev.lockstep.frameworks.Framework;

/** The layout of each migration tool that lockstep can write new migrations for. */
final class Layouts {
  private Layouts() {}

  /** null for tools whose new migrations lockstep does not write (sqitch needs its plan, plain psql needs none). */
  static MigrationLayout of(Framework framework) {
    return switch (framework) {
      case FLYWAY -> new FlywayLayout();
      case LIQUIBASE -> new LiquibaseLayout();
      case GOOSE -> new GooseLayout();
      case DBMATE -> new DbmateLayout();
      case GOLANG_MIGRATE -> new GolangMigrateLayout();
      case PRISMA -> new PrismaLayout();
      case DRIZZLE -> new DrizzleLayout();
      case NODE_PG_MIGRATE -> new NodePgMigrateLayout();
      case POSTGRES_MIGRATIONS -> new PostgresMigrationsLayout();
      default -> null;
    };
  }
}
