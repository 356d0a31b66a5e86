package dev.lockstep.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that fail half-way, on a disk that fills up (an in-memory file system of 64 KiB). */
class AtomicWriteTest {
  static final byte[] ORIGINAL = "CREATE INDEX orders_customer_idx ON orders (customer_id);\n"
      .getBytes(StandardCharsets.UTF_8);
  /** More than the disk holds. */
  static final byte[] HUGE = new byte[200 * 1024];

  FileSystem fs;
  Path dir;
  Path file;

  @BeforeEach
  void smallDisk() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setMaxSize(64 * 1024).setBlockSize(4096).setAttributeViews("basic", "posix").build());
    dir = fs.getPath("/project/migrations");
    Files.createDirectories(dir);
    file = dir.resolve("V1__index.sql");
    Files.write(file, ORIGINAL);
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private List<Path> folder() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  @Test
  void aFullDiskDuringReplaceLeavesTheOriginalAndNoTemporaryFile() throws IOException {
    assertThatThrownBy(() -> AtomicWrite.replace(file, ORIGINAL, HUGE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("out of disk space");
    assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL);
    assertThat(folder()).containsExactly(file);
  }

  @Test
  void aFullDiskDuringCreateLeavesNoFileBehind() throws IOException {
    Path added = dir.resolve("V1.1__index_concurrently.sql");
    assertThatThrownBy(() -> AtomicWrite.create(added, HUGE, file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("out of disk space");
    assertThat(folder()).containsExactly(file);
  }

  @Test
  void aReplaceThatFitsStillWorksOnTheSameDisk() throws IOException {
    byte[] fixed = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n"
        .getBytes(StandardCharsets.UTF_8);
    AtomicWrite.replace(file, ORIGINAL, fixed);
    assertThat(Files.readAllBytes(file)).isEqualTo(fixed);
    assertThat(folder()).containsExactly(file);
  }
}
