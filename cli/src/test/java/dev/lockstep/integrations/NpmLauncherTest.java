package dev.lockstep.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm launcher (npm/lockstep/bin/lockstep.js) run by node on installs laid out as npm lays
 * them out, with stand-in Java runtimes that print how they were started: which Java runs, whether
 * the ahead-of-time cache is trusted, and what a broken or partial install says.
 */
class NpmLauncherTest {
  static final String KEY_FILES = "lib/lockstep.jar runtime/lib/modules runtime/lib/server/libjvm.so lib/lockstep.aot";

  @TempDir Path tmp;
  Path node;
  Path project;
  Path platformDir;
  Path launcherJar;

  @BeforeEach
  void install() throws Exception {
    node = findNode();
    String platform = run(Map.of(), node.toString(), "-p", "process.platform + '-' + process.arch").output().trim();
    project = tmp.resolve("project");
    Path launcher = project.resolve("node_modules/lockstep");
    Files.createDirectories(launcher.resolve("bin"));
    Files.copy(Path.of("npm/lockstep/bin/lockstep.js"), launcher.resolve("bin/lockstep.js"));
    Files.copy(Path.of("npm/lockstep/package.json"), launcher.resolve("package.json"));
    launcherJar = Files.createDirectories(launcher.resolve("lib")).resolve("lockstep.jar");
    Files.writeString(launcherJar, "the launcher package's jar");

    platformDir = project.resolve("node_modules/@lockstep/" + platform);
    Files.createDirectories(platformDir.resolve("lib"));
    Files.createDirectories(platformDir.resolve("runtime/lib/server"));
    Files.writeString(platformDir.resolve("package.json"), "{\"name\": \"@lockstep/" + platform + "\", \"version\": \"1.0.0\"}");
    Files.writeString(platformDir.resolve("lib/lockstep.jar"), "the platform package's jar");
    Files.writeString(platformDir.resolve("lib/lockstep.aot"), "the cache made for this jar");
    Files.writeString(platformDir.resolve("runtime/lib/modules"), "modules");
    Files.writeString(platformDir.resolve("runtime/lib/server/libjvm.so"), "jvm");
    standInJava(platformDir.resolve("runtime"), "bundled", 25);
    Files.writeString(platformDir.resolve("lib/launch.properties"), String.join("\n",
        "java=runtime/bin/java",
        "jar=lib/lockstep.jar",
        "jvm-options=-XX:+UseSerialGC -Xmx1g",
        "cache=lib/lockstep.aot",
        "cache-option=-XX:AOTCache=",
        "cache-key-files=" + KEY_FILES,
        "cache-key=" + contentKey(platformDir), ""));
  }

  @Test
  void thePlatformRuntimeRunsWithItsVerifiedCacheAndTheExitCodePassesThrough() throws Exception {
    Result r = lockstep(Map.of(), "lint", "a b.sql");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.output()).isEqualTo("bundled: -XX:+UseSerialGC -Xmx1g -XX:AOTCache=" + platformDir.resolve("lib/lockstep.aot")
        + " -jar " + platformDir.resolve("lib/lockstep.jar") + " lint a b.sql\n");
    assertThat(Files.readString(platformDir.resolve("lib/.verified"))).startsWith("ok ");
    assertThat(lockstep(Map.of(), "lint", "a b.sql").output()).contains("-XX:AOTCache=");
  }

  @Test
  void aCacheFromAnotherBuildIsNotTrustedAndIsMadeAgainAfterTheRun() throws Exception {
    Files.writeString(platformDir.resolve("lib/lockstep.aot"), "the cache made for another jar");
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: warning: " + platformDir.resolve("lib/lockstep.aot")
        + " was not made for this runtime and jar (a partial or mixed install?), so lockstep starts without it (slower)"
        + " and makes a new one in the background\n"
        + "bundled: -XX:+UseSerialGC -Xmx1g -jar " + platformDir.resolve("lib/lockstep.jar") + " lint x.sql\n");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(awaitRebuild()).startsWith("ok ");
    assertThat(Files.readString(platformDir.resolve("lib/lockstep.aot"))).isEqualTo("made by the launcher\n");
    assertThat(lockstep(Map.of(), "lint", "x.sql").output()).isEqualTo("bundled: -XX:+UseSerialGC -Xmx1g -XX:AOTCache="
        + platformDir.resolve("lib/lockstep.aot") + " -jar " + platformDir.resolve("lib/lockstep.jar") + " lint x.sql\n");
  }

  @Test
  void aCacheThatCannotBeMadeAgainIsNotTriedAgainForTheSameFiles() throws Exception {
    Files.writeString(platformDir.resolve("lib/lockstep.aot"), "the cache made for another jar");
    lockstep(Map.of("STAND_IN_MAKES_NO_CACHE", "1"), "lint", "x.sql");
    assertThat(awaitRebuild()).startsWith("failed ");
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: warning: " + platformDir.resolve("lib/lockstep.aot")
        + " was not made for this runtime and jar (a partial or mixed install?), so lockstep starts without it (slower);"
        + " reinstall @lockstep/" + platformDir.getFileName() + "\n"
        + "bundled: -XX:+UseSerialGC -Xmx1g -jar " + platformDir.resolve("lib/lockstep.jar") + " lint x.sql\n");
    assertThat(Files.readString(platformDir.resolve("lib/lockstep.aot"))).isEqualTo("the cache made for another jar");
  }

  @Test
  void aCacheInAReadOnlyPackageIsOnlyIgnored() throws Exception {
    Files.writeString(platformDir.resolve("lib/lockstep.aot"), "the cache made for another jar");
    Files.setPosixFilePermissions(platformDir.resolve("lib"), PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(platformDir.resolve("lib")), "root writes to read-only folders: run as another user");
      Result r = lockstep(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), "lint", "x.sql");
      assertThat(r.output()).startsWith("lockstep: warning: " + platformDir.resolve("lib/lockstep.aot")
          + " was not made for this runtime and jar (a partial or mixed install?), so lockstep starts without it (slower);"
          + " reinstall @lockstep/");
      try (var stamps = Files.list(tmp.resolve("cache/lockstep"))) {
        assertThat(stamps.toList()).singleElement().satisfies(f -> assertThat(Files.readString(f)).startsWith("stale "));
      }
    } finally {
      Files.setPosixFilePermissions(platformDir.resolve("lib"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aJarReplacedAfterTheCacheWasVerifiedIsNoticed() throws Exception {
    assertThat(lockstep(Map.of(), "lint", "x.sql").output()).contains("-XX:AOTCache=");
    Files.writeString(platformDir.resolve("lib/lockstep.jar"), "another build's jar");
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).contains("was not made for this runtime and jar").doesNotContain("-XX:AOTCache=");
    assertThat(awaitRebuild()).startsWith("ok ");
  }

  @Test
  void aDeletedCacheIsNamedAndMadeAgain() throws Exception {
    Files.delete(platformDir.resolve("lib/lockstep.aot"));
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: warning: " + platformDir.resolve("lib/lockstep.aot")
        + " is missing, so lockstep starts without its ahead-of-time cache (slower) and makes a new one in the background\n"
        + "bundled: -XX:+UseSerialGC -Xmx1g -jar " + platformDir.resolve("lib/lockstep.jar") + " lint x.sql\n");
    assertThat(awaitRebuild()).startsWith("ok ");
    assertThat(lockstep(Map.of(), "lint", "x.sql").output()).contains("-XX:AOTCache=");
  }

  @Test
  void aDeletedRuntimeFileIsNamed() throws Exception {
    Files.delete(platformDir.resolve("runtime/lib/modules"));
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).startsWith("lockstep: warning: " + platformDir.resolve("runtime/lib/modules")
        + " is missing, so lockstep starts without its ahead-of-time cache (slower); reinstall @lockstep/" + platformDir.getFileName() + "\n");
  }

  @Test
  void aDeletedRuntimeFallsBackToTheSystemJavaWithTheLauncherPackagesJar() throws Exception {
    Files.delete(platformDir.resolve("runtime/bin/java"));
    Path system = standInJava(tmp.resolve("jdk21"), "system", 21);
    Result r = lockstep(Map.of("PATH", system.resolve("bin").toString()), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: warning: @lockstep/" + platformDir.getFileName() + " in " + platformDir
        + " is incomplete (runtime/bin/java is missing); reinstall it (remove node_modules and run npm install);"
        + " running on the Java at " + system.resolve("bin/java") + " instead\n"
        + "system: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g -Xlog:disable -Xlog:all=error:stderr -jar "
        + launcherJar + " lint x.sql\n");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void aDeletedRuntimeWithoutAnyJavaSaysBothInOneLine() throws Exception {
    Files.delete(platformDir.resolve("runtime/bin/java"));
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: @lockstep/" + platformDir.getFileName() + " in " + platformDir
        + " is incomplete (runtime/bin/java is missing); reinstall it (remove node_modules and run npm install),"
        + " and no Java was found (JAVA_HOME is not set, no java on PATH): install Java 17 or newer (or set JAVA_HOME to one)\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void aRuntimeThatCannotStartFallsBackToTheSystemJava() throws Exception {
    Path bundled = platformDir.resolve("runtime/bin/java");
    Files.setPosixFilePermissions(bundled, PosixFilePermissions.fromString("rw-r--r--"));
    Path system = standInJava(tmp.resolve("jdk21"), "system", 21);
    Result r = lockstep(Map.of("PATH", system.resolve("bin").toString()), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: warning: cannot run " + bundled + " (EACCES); running on the Java at "
        + system.resolve("bin/java") + " instead\n"
        + "system: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g -Xlog:disable -Xlog:all=error:stderr -jar "
        + launcherJar + " lint x.sql\n");
    assertThat(r.exit()).isEqualTo(3);

    r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: cannot run " + bundled + " (EACCES), and no Java was found"
        + " (JAVA_HOME is not set, no java on PATH): install Java 17 or newer (or set JAVA_HOME to one)\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void aMissingLaunchFileIsNamed() throws Exception {
    Files.delete(platformDir.resolve("lib/launch.properties"));
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).startsWith("lockstep: @lockstep/" + platformDir.getFileName() + " in " + platformDir
        + " is incomplete (lib/launch.properties is missing or unreadable)");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void withoutThePlatformPackageJavaHomeRunsTheJar() throws Exception {
    deletePlatformPackage();
    Path system = standInJava(tmp.resolve("jdk17"), "system", 17);
    Result r = lockstep(Map.of("JAVA_HOME", system.toString()), "--version");
    assertThat(r.output()).isEqualTo("system: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g -Xlog:disable"
        + " -Xlog:all=error:stderr -jar " + launcherJar + " --version\n");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void withoutThePlatformPackageOrAJavaItSaysWhatToInstall() throws Exception {
    deletePlatformPackage();
    Result r = lockstep(Map.of(), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: no Java runtime for " + platformDir.getFileName() + " (@lockstep/"
        + platformDir.getFileName() + " is not installed), and no Java was found (JAVA_HOME is not set, no java on PATH):"
        + " install Java 17 or newer (or set JAVA_HOME to one)\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void anOldJavaIsRefusedInOneLine() throws Exception {
    deletePlatformPackage();
    Path old = standInJava(tmp.resolve("jdk11"), "old", 11);
    Result r = lockstep(Map.of("PATH", old.resolve("bin").toString()), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: no Java runtime for " + platformDir.getFileName() + " (@lockstep/"
        + platformDir.getFileName() + " is not installed), and the Java at " + old.resolve("bin/java")
        + " is version 11: install Java 17 or newer (or set JAVA_HOME to one)\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void aJavaHomeWithoutJavaIsNamed() throws Exception {
    deletePlatformPackage();
    Path empty = Files.createDirectories(tmp.resolve("not-a-jdk"));
    Result r = lockstep(Map.of("JAVA_HOME", empty.toString()), "lint", "x.sql");
    assertThat(r.output()).endsWith("and JAVA_HOME=" + empty + " has no bin/java: install Java 17 or newer (or set JAVA_HOME to one)\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void aMissingLauncherJarIsNamed() throws Exception {
    deletePlatformPackage();
    Files.delete(launcherJar);
    Path system = standInJava(tmp.resolve("jdk17"), "system", 17);
    Result r = lockstep(Map.of("JAVA_HOME", system.toString()), "lint", "x.sql");
    assertThat(r.output()).isEqualTo("lockstep: " + launcherJar + " is missing; reinstall lockstep (npm install lockstep)\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  /**
   * A Java home whose bin/java prints its name and arguments and exits 3; asked to create an
   * ahead-of-time cache, it writes one (unless STAND_IN_MAKES_NO_CACHE is set).
   */
  private Path standInJava(Path home, String name, int major) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + major + ".0.1\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, String.join("\n", "#!/bin/sh",
        "for a in \"$@\"; do case \"$a\" in -XX:AOTCache=*) out=${a#-XX:AOTCache=} ;; -XX:AOTMode=*) mode=$a ;; esac; done",
        "if [ -n \"$mode\" ]; then",
        "  if [ \"$mode\" = -XX:AOTMode=create ] && [ -z \"$STAND_IN_MAKES_NO_CACHE\" ]; then echo 'made by the launcher' > \"$out\"; fi",
        "  exit 0",
        "fi",
        "echo \"" + name + ": $*\"", "exit 3", ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** The stamp once the background rebuild has finished (within a minute). */
  private String awaitRebuild() throws Exception {
    Path stamp = platformDir.resolve("lib/.verified");
    for (int i = 0; i < 600; i++) {
      String text = Files.exists(stamp) ? Files.readString(stamp) : "";
      if ((text.startsWith("ok ") || text.startsWith("failed ")) && !Files.exists(platformDir.resolve("lib/.rebuilding"))) {
        return text;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the cache was not made again within a minute: " + Files.readString(stamp));
  }

  private void deletePlatformPackage() throws IOException {
    try (var files = Files.walk(platformDir)) {
      for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) Files.delete(p);
    }
  }

  /** The key NpmDist records: SHA-256 over each key file's name and SHA-256. */
  static String contentKey(Path dir) throws Exception {
    MessageDigest outer = MessageDigest.getInstance("SHA-256");
    for (String file : KEY_FILES.split(" ")) {
      String inner = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(file))));
      outer.update((file + "\n" + inner + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(outer.digest());
  }

  record Result(int exit, String output) {}

  /** Runs the launcher from the project with PATH holding only node (no Java) unless env says otherwise. */
  private Result lockstep(Map<String, String> env, String... args) throws Exception {
    Path nodeOnly = Files.createDirectories(tmp.resolve("node-only"));
    if (!Files.exists(nodeOnly.resolve("node"))) Files.createSymbolicLink(nodeOnly.resolve("node"), node);
    Map<String, String> all = new HashMap<>(Map.of("PATH", nodeOnly.toString(), "HOME", tmp.toString()));
    all.putAll(env);
    String[] command = new String[args.length + 2];
    command[0] = node.toString();
    command[1] = project.resolve("node_modules/lockstep/bin/lockstep.js").toString();
    System.arraycopy(args, 0, command, 2, args.length);
    return run(all, command);
  }

  private Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(project == null ? tmp.toFile() : project.toFile())
        .redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("LOCKSTEP_JAVA_OPTS");
    pb.environment().remove("XDG_CACHE_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  /** node must be installed: .ci/run has it (LOCKSTEP_REQUIRE_TOOLS=1 fails without); elsewhere the test skips. */
  static Path findNode() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "node");
      if (Files.isExecutable(candidate)) return candidate.toAbsolutePath();
    }
    String message = "node is not installed (Debian: apt-get install nodejs): the npm launcher cannot be tested";
    if ("1".equals(System.getenv("LOCKSTEP_REQUIRE_TOOLS"))) throw new AssertionError(message);
    System.err.println("SKIPPED: " + message);
    assumeTrue(false, message);
    return null;
  }
}
