package dev.lockstep.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the whole pipeline with Jazzer, checking the properties of
 * {@link FuzzPipelineTest#check(Path, byte[])}. In the suite it replays the inputs in
 * src/test/resources/dev/lockstep/fuzz/CoverageGuidedFuzzTestInputs/ (seeds, and any crash found
 * before, as regression cases). The fuzzing run, which instruments lockstep's classes and
 * mutates towards new coverage:
 * {@code JAZZER_FUZZ=1 mvn -pl wasm-split,core test -Dtest=CoverageGuidedFuzzTest#plainSql} (5
 * minutes); a crash is written to a {@code crash-*} file in the repository root, to be moved into
 * that folder as a regression input once fixed.
 */
class CoverageGuidedFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void plainSql(byte[] input) throws Exception {
    FuzzPipelineTest.check(Path.of("fuzz/migration.sql"), input);
  }

  @FuzzTest(maxDuration = "5m")
  void flywayMigration(byte[] input) throws Exception {
    FuzzPipelineTest.check(Path.of("db/migration/V2__fuzz.sql"), input);
  }
}
