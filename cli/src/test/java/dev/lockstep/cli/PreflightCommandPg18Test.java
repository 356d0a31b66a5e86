package dev.lockstep.cli;

import dev.lockstep.pg.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** Every {@link PreflightCommandTest} case again on PostgreSQL 18 (the binaries artifact the core build copies). */
class PreflightCommandPg18Test extends PreflightCommandTest {
  @BeforeAll
  static void server() throws Exception {
    start(() -> EmbeddedPostgres.unpackedBinaries(Path.of("core", "target", "pg-binaries"), 18));
  }
}
