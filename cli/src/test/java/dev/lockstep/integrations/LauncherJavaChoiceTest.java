package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Java the ./lockstep launcher runs, with stand-in Java installations that print their name. */
class LauncherJavaChoiceTest {
  @TempDir Path tmp;

  /** A Java home whose bin/java prints the home's name; {@code major} goes in its release file. */
  private Path home(String parent, String name, int major) throws IOException {
    Path home = tmp.resolve(parent).resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + major + ".0.2\"\nIMPLEMENTOR=\"test\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"ran " + name + "\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private String launch(Path javaOnPath, Map<String, String> env) throws Exception {
    Path jar = Files.writeString(tmp.resolve("lockstep.jar"), "not run: the stand-in java ignores it");
    ProcessBuilder pb = new ProcessBuilder("sh", Path.of("lockstep").toAbsolutePath().toString(), "--version");
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", javaOnPath.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("LOCKSTEP_JAR", jar.toString());
    pb.environment().put("LOCKSTEP_JDK_DIRS", tmp.resolve("jvm") + ":" + tmp.resolve("other"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void withoutJavaHomeTheNewestInstalledJavaRuns() throws Exception {
    Path onPath = home("path", "java-17", 17);
    home("jvm", "java-19", 19);
    home("other", "java-21", 21);
    home("jvm", "java-11", 11);
    assertThat(launch(onPath, Map.of())).isEqualTo("ran java-21");
  }

  @Test
  void theJavaOnPathWinsATieAndOlderInstallationsAreIgnored() throws Exception {
    Path onPath = home("path", "path-21", 21);
    home("jvm", "jvm-21", 21);
    home("jvm", "jvm-11", 11);
    assertThat(launch(onPath, Map.of())).isEqualTo("ran path-21");
  }

  @Test
  void javaHomeIsAlwaysHonoured() throws Exception {
    Path onPath = home("path", "java-17", 17);
    home("jvm", "java-21", 21);
    Path chosen = home("elsewhere", "java-19", 19);
    assertThat(launch(onPath, Map.of("JAVA_HOME", chosen.toString()))).isEqualTo("ran java-19");
  }

  /** Runs the launcher with only the shell tools it uses on PATH, so that no Java is found there. */
  private Process launchWithoutJava(Map<String, String> env) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("no-java-bin"));
    for (String tool : new String[] {"sh", "dirname", "sed", "readlink", "find", "head", "cat", "mkdir", "cksum", "cut",
        "rm", "mv", "rmdir"}) {
      for (String dir : new String[] {"/usr/bin", "/bin"}) {
        Path found = Path.of(dir, tool);
        if (Files.isExecutable(found) && !Files.exists(bin.resolve(tool))) Files.createSymbolicLink(bin.resolve(tool), found);
      }
    }
    Path jar = Files.writeString(tmp.resolve("lockstep.jar"), "never run");
    ProcessBuilder pb = new ProcessBuilder(bin.resolve("sh").toString(), Path.of("lockstep").toAbsolutePath().toString(),
        "--version");
    pb.environment().clear();
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("LOCKSTEP_JAR", jar.toString());
    pb.environment().put("LOCKSTEP_JDK_DIRS", tmp.resolve("jvm").toString());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  @Test
  void withNoJavaItSaysInOneLineThatJava17IsNeededAndHowToGetIt() throws Exception {
    Process p = launchWithoutJava(Map.of());
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out).isEqualTo("lockstep: no Java found (none on PATH, JAVA_HOME is not set); lockstep needs Java 17 "
        + "or newer: install one (e.g. apt-get install openjdk-17-jre-headless, dnf install java-17-openjdk-headless, "
        + "brew install openjdk@17, or sdk install java 17-tem) or point JAVA_HOME at one\n");
  }

  @Test
  void aJavaHomeThatIsTooOldOrEmptyIsNamed() throws Exception {
    Path old = home("elsewhere", "java-11", 11);
    Process p = launchWithoutJava(Map.of("JAVA_HOME", old.toString()));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out).startsWith("lockstep: " + old.resolve("bin/java") + " is Java 11; lockstep needs Java 17 or newer");
    Process empty = launchWithoutJava(Map.of("JAVA_HOME", tmp.resolve("nothing").toString()));
    String said = new String(empty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(empty.waitFor()).isEqualTo(2);
    assertThat(said).startsWith("lockstep: JAVA_HOME=" + tmp.resolve("nothing") + " has no bin/java; lockstep needs Java 17");
  }
}
