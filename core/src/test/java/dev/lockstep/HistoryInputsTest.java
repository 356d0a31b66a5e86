package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Limits;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Earlier migrations are read as the linted files are: bounded, and never opening what is not a file. */
class HistoryInputsTest {
  @TempDir
  Path dir;

  private final HistoryInputs inputs =
      new HistoryInputs(new MigrationHistory(PendingMigrations.NONE), null, new Limits(1024, 60_000));

  @Test
  @Timeout(30)
  void aNamedPipeIsNotOpened() throws Exception {
    Path pipe = dir.resolve("V1__pipe.sql");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    HistoryInputs.Loaded read = inputs.read(pipe);
    assertThat(read.source()).isNull();
    assertThat(read.problem().english()).isEqualTo("earlier migration is a named pipe (FIFO), not a regular file");
  }

  @Test
  void aFileAboveMaxFileSizeIsNotRead() throws Exception {
    Path big = Files.writeString(dir.resolve("V1__big.sql"), "SELECT 1;\n".repeat(200));
    assertThat(inputs.read(big).problem().english()).isEqualTo("earlier migration is 1 KiB, larger than max-file-size (1 KiB): "
        + "not checked (raise max-file-size to check it)");
  }
}
