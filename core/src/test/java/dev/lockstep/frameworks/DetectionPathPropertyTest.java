package dev.lockstep.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file's tool, evidence and transaction plan are the same however its path is written: relative,
 * absolute, with "." and ".." segments, through a symbolic link to a folder above it or to the file
 * itself. Checked over every fixture and example project. (The working directory's part is in the
 * command line's DetectionFromAnyDirectoryTest.)
 */
class DetectionPathPropertyTest {
  static final List<Path> ROOTS = List.of(Path.of("core", "src", "test", "resources", "frameworks"),
      Path.of("core", "src", "test", "resources", "projects"), Path.of("examples"));

  @TempDir
  static Path links;

  static Stream<Path> files() throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path root : ROOTS) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  record Verdict(Framework framework, dev.lockstep.i18n.Text evidence, List<dev.lockstep.i18n.Text> notes, String plan, String skipped) {
    static Verdict of(Path path, String text) {
      MigrationScript s = MigrationScript.of(path, SourceFile.of(path.toString(), text), null, false);
      return new Verdict(s.framework(), s.detection().evidence(), s.detection().notes(), s.plan().toString(), s.skipped());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void theVerdictDoesNotDependOnHowThePathIsWritten(Path relative) throws Exception {
    String text = Files.readString(relative);
    Verdict expected = Verdict.of(relative, text);
    Path absolute = relative.toAbsolutePath();
    List<Path> spellings = new ArrayList<>(List.of(absolute, Path.of(".").resolve(relative),
        relative.getParent().resolve("..").resolve(relative.getParent().getFileName()).resolve(relative.getFileName())));
    // a link to the project's top folder (the one below the fixture root), and one to the file itself
    Path top = ROOTS.stream().filter(relative::startsWith).findFirst().orElseThrow();
    Path project = top.resolve(top.relativize(relative).getName(0));
    String id = Integer.toHexString(relative.toString().hashCode());
    Path folderLink = Files.createSymbolicLink(links.resolve("dir-" + id), project.toAbsolutePath());
    spellings.add(folderLink.resolve(project.relativize(relative)));
    Path fileLink = Files.createSymbolicLink(Files.createDirectories(links.resolve("file-" + id))
        .resolve(relative.getFileName()), absolute);
    spellings.add(fileLink);
    for (Path p : spellings) assertThat(Verdict.of(p, text)).as(p.toString()).isEqualTo(expected);
  }
}
