package dev.lockstep.split;

import dev.lockstep.frameworks.Framework;
import dev.lockstep.i18n.Catalog;

/** The layout of each migration tool that lockstep can write new migrations for. */
final class Layouts {
  private Layouts() {}

  /** null for tools whose new migrations lockstep does not write (sqitch needs its plan, plain psql needs none). */
  static MigrationLayout of(Framework framework, Catalog catalog) {
    return switch (framework) {
      case FLYWAY -> new FlywayLayout(catalog);
      case LIQUIBASE -> new LiquibaseLayout(catalog);
      case GOOSE -> new GooseLayout(catalog);
      case DBMATE -> new DbmateLayout(catalog);
      case GOLANG_MIGRATE -> new GolangMigrateLayout(catalog);
      case PRISMA -> new PrismaLayout(catalog);
      case DRIZZLE -> new DrizzleLayout(catalog);
      case NODE_PG_MIGRATE -> new NodePgMigrateLayout(catalog);
      case POSTGRES_MIGRATIONS -> new PostgresMigrationsLayout(catalog);
      default -> null;
    };
  }
}
