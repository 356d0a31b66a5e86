import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step of the {@code dist} profile: makes the npm packages. {@code lockstep} is the launcher
 * (npm/lockstep/) with the jar, for running on a system Java; {@code @lockstep/<os>-<cpu>} (from
 * the npm/platform/ template) holds a Java runtime linked from the given JDK with only the modules
 * the jar needs, the jar, and a start-up cache: on Java 25 or later an ahead-of-time cache trained
 * on a lint of the examples, before that the JDK's class-data archive of its own classes. Both
 * packages are packed with {@code npm pack}.
 *
 * <p>Usage: {@code java NpmDist.java VERSION JAR JDK REPO_ROOT OUT_DIR [WORK_DIR]}. Writes
 * {@code OUT_DIR/lockstep-VERSION.tgz} and {@code OUT_DIR/lockstep-<os>-<cpu>-VERSION.tgz}.
 * The environment variable {@code LOCKSTEP_DIST_CACHE=none} leaves the cache out (for measuring).
 */
public final class NpmDist {
  /** The platforms the release builds, each on its own runner; the lockstep package lists them all. */
  static final List<String> PLATFORMS =
      List.of("linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64");
  /**
   * The JVM options the platform package runs with, chosen in bench/RESULTS.md: only the quick
   * JIT (a lint lasts seconds, the optimizing JIT would spend them compiling the parser), the
   * serial collector (as fast here, smaller), and no JVM messages on the terminal.
   */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx1g");
  static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=error:stderr");
  /**
   * Modules jdeps finds but lockstep never loads: java.desktop for java.beans (Jackson's and
   * SnakeYAML's bean introspection, unused) and java.awt (pgjdbc's geometric types, unused).
   */
  static final List<String> UNUSED_MODULES = List.of("java.desktop");
  /** Semantic version: a Maven version such as 0.1.0 or 0.1.0-SNAPSHOT is one already. */
  static final Pattern SEMVER = Pattern.compile(
      "\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || args.length > 6) {
      fail("usage: NpmDist VERSION JAR JDK REPO_ROOT OUT_DIR [WORK_DIR]");
    }
    String version = args[0];
    if (!SEMVER.matcher(version).matches()) {
      fail("version " + version + " is not a semantic version (MAJOR.MINOR.PATCH[-PRE]), which npm needs");
    }
    Path jar = Path.of(args[1]).toAbsolutePath();
    Path jdk = Path.of(args[2]).toAbsolutePath();
    Path root = Path.of(args[3]).toAbsolutePath();
    Path out = Path.of(args[4]).toAbsolutePath();
    Path work = args.length == 6 ? Path.of(args[5]).toAbsolutePath() : out.resolveSibling("npm-work");
    deleteTree(work);
    Files.createDirectories(out);
    String platform = platform();
    Path launcher = mainPackage(version, jar, root, work.resolve("lockstep"));
    Path platformDir = platformPackage(version, platform, jar, jdk, root, work.resolve(platform));
    long start = System.nanoTime();
    for (Path dir : List.of(launcher, platformDir)) {
      run(dir, npm(), "pack", "--silent", "--pack-destination", out.toString());
    }
    System.out.printf("[npm] lockstep and @lockstep/%s %s packed into %s in %d s%n",
        platform, version, out, seconds(start));
  }

  /** The launcher package: npm/lockstep/ with the version filled in and the jar for system Javas. */
  static Path mainPackage(String version, Path jar, Path root, Path dir) throws IOException {
    copyTree(root.resolve("npm/lockstep"), dir);
    Path manifest = dir.resolve("package.json");
    String json = Files.readString(manifest).replace("0.0.0-dev", version);
    Files.writeString(manifest, json);
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(jar, dir.resolve("lib/lockstep.jar"));
    return dir;
  }

  /** The platform package: runtime/, lib/lockstep.jar, the cache and lib/launch.properties. */
  static Path platformPackage(String version, String platform, Path jar, Path jdk, Path root, Path dir)
      throws IOException, InterruptedException {
    String os = platform.substring(0, platform.indexOf('-'));
    String cpu = platform.substring(platform.indexOf('-') + 1);
    copyTree(root.resolve("npm/platform"), dir);
    Path manifest = dir.resolve("package.json");
    Files.writeString(manifest, Files.readString(manifest)
        .replace("0.0.0-dev", version).replace("OS-CPU", platform)
        .replace("\"OS\"", '"' + os + '"').replace("\"CPU\"", '"' + cpu + '"'));
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, Files.readString(readme).replace("OS-CPU", platform));
    if (os.equals("win32")) {
      Files.delete(dir.resolve("bin/lockstep"));
    } else {
      Files.delete(dir.resolve("bin/lockstep.cmd"));
      dir.resolve("bin/lockstep").toFile().setExecutable(true, false);
    }

    int feature = javaFeature(jdk);
    boolean cached = !"none".equals(System.getenv("LOCKSTEP_DIST_CACHE"));
    Path runtime = dir.resolve("runtime");
    String modules = String.join(",", modules(jdk, jar, feature));
    List<String> jlink = new ArrayList<>(List.of(tool(jdk, "jlink").toString(), "--add-modules", modules,
        "--strip-debug", "--no-header-files", "--no-man-pages", "--output", runtime.toString()));
    if (cached && feature < 25) {
      // Before Java 25 a class-data archive of lockstep's classes names the jar by the path it had
      // at build time and is refused anywhere else: only the JDK's own classes are archived.
      jlink.add("--generate-cds-archive");
    }
    long start = System.nanoTime();
    run(dir, jlink.toArray(String[]::new));
    System.out.printf("[npm] runtime of %s linked from %s in %d s%n", modules, jdk, seconds(start));
    // The archive for heaps over 32 GiB: lockstep runs with 1 GiB.
    Files.deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));
    Path libJar = dir.resolve("lib/lockstep.jar");
    Files.createDirectories(libJar.getParent());
    Files.copy(jar, libJar);

    Map<String, String> props = new LinkedHashMap<>();
    props.put("version", version);
    props.put("java-version", javaVersion(runtime));
    props.put("java-modules", modules);
    props.put("java", dir.relativize(tool(runtime, "java")).toString().replace('\\', '/'));
    props.put("jar", "lib/lockstep.jar");
    List<String> options = new ArrayList<>(JVM_OPTIONS);
    options.addAll(QUIET);
    props.put("jvm-options", String.join(" ", options));
    if (cached && feature >= 25) {
      start = System.nanoTime();
      Cache cache = aotCache(dir, root);
      System.out.printf("[npm] %s trained in %d s%n", cache.file(), seconds(start));
      List<String> keyFiles = List.of("lib/lockstep.jar", "runtime/lib/modules",
          dir.relativize(jvmLibrary(runtime)).toString().replace('\\', '/'), cache.file());
      props.put("cache", cache.file());
      props.put("cache-option", cache.option());
      props.put("cache-key-files", String.join(" ", keyFiles));
      props.put("cache-key", contentKey(dir, keyFiles));
    }
    StringBuilder text = new StringBuilder("# Read by bin/lockstep and by the lockstep package's launcher.\n");
    props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(dir.resolve("lib/launch.properties"), text);
    return dir;
  }

  record Cache(String file, String option) {}

  /**
   * Java 25's ahead-of-time cache: classes loaded and linked, with profiles, from a training lint
   * run with the options users run with. It is found again after the folder moves because the jar
   * keeps its place relative to the runtime.
   */
  static Cache aotCache(Path dir, Path root) throws IOException, InterruptedException {
    Path java = tool(dir.resolve("runtime"), "java");
    String config = dir.resolve("lib/lockstep.aotconf").toString();
    List<String> record = new ArrayList<>(List.of(java.toString()));
    record.addAll(JVM_OPTIONS);
    record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config));
    Path history = trainingHistory();
    record.addAll(training(root, history));
    try {
      train(dir, record);
    } finally {
      deleteTree(history);
    }
    List<String> create = new ArrayList<>(List.of(java.toString()));
    create.addAll(JVM_OPTIONS);
    create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config,
        "-XX:AOTCache=lib/lockstep.aot", "-jar", "lib/lockstep.jar"));
    train(dir, create);
    Files.delete(Path.of(config));
    return new Cache("lib/lockstep.aot", "-XX:AOTCache=");
  }

  /**
   * The training run: a lint of the examples (several frameworks, their findings and fixes), whose
   * folders are replayed as running prefixes, and of a migration whose earlier one is not linted,
   * which is how a pre-commit hook or a pull request lints: its history is read and the earlier
   * files that matter to it are chosen and replayed.
   */
  static List<String> training(Path root, Path history) {
    return List.of("-jar", "lib/lockstep.jar", "lint", root.resolve("examples").toString(),
        history.resolve("db/migration/V2__training.sql").toString());
  }

  /** A Flyway history of two migrations in a temporary folder, for {@link #training}. */
  static Path trainingHistory() throws IOException {
    Path folder = Files.createTempDirectory("lockstep-training");
    Path migrations = Files.createDirectories(folder.resolve("db/migration"));
    Files.writeString(migrations.resolve("V1__tables.sql"),
        "CREATE TABLE t (id bigint PRIMARY KEY, v text);\nCREATE TABLE u (id bigint PRIMARY KEY);\n");
    Files.writeString(migrations.resolve("V2__training.sql"), "SET lock_timeout = '2s';\nCREATE INDEX t_v_idx ON t (v);\n"
        + "ALTER TABLE t ADD COLUMN w int DEFAULT 0;\nALTER TABLE t ALTER COLUMN v TYPE varchar(20);\n");
    return folder;
  }

  /** Runs a training step; lint exits 1 on the examples' findings, anything else is a failure. */
  static void train(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    if (code != 0 && code != 1) {
      System.out.write(output);
      fail("training step failed with exit code " + code + ": " + String.join(" ", command));
    }
  }

  /** The modules jdeps finds in the jar, less the unused ones, plus elliptic-curve TLS before 22. */
  static List<String> modules(Path jdk, Path jar, int feature) throws IOException, InterruptedException {
    String found = capture(tool(jdk, "jdeps").toString(), "-q", "--ignore-missing-deps",
        "--print-module-deps", "--multi-release", Integer.toString(feature), jar.toString()).trim();
    TreeSet<String> modules = new TreeSet<>(Arrays.asList(found.split(",")));
    modules.removeAll(UNUSED_MODULES);
    // pgjdbc's TLS to PostgreSQL negotiates ECDHE, in jdk.crypto.ec until Java 22 merged it into java.base.
    if (feature < 22) {
      modules.add("jdk.crypto.ec");
    }
    return List.copyOf(modules);
  }

  /** SHA-256 over each file's name and SHA-256; npm/lockstep/bin/lockstep.js checks it the same way. */
  static String contentKey(Path dir, List<String> files) throws IOException {
    MessageDigest outer = sha256();
    for (String file : files) {
      MessageDigest inner = sha256();
      try (InputStream in = Files.newInputStream(dir.resolve(file))) {
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) > 0; ) {
          inner.update(buffer, 0, n);
        }
      }
      outer.update((file + "\n" + HexFormat.of().formatHex(inner.digest()) + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(outer.digest());
  }

  static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This machine as npm names it: process.platform-process.arch. */
  static String platform() {
    String name = System.getProperty("os.name").toLowerCase();
    String os = name.contains("win") ? "win32" : name.contains("mac") ? "darwin"
        : name.contains("linux") ? "linux" : null;
    String cpu = switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "x64";
      case "aarch64", "arm64" -> "arm64";
      default -> null;
    };
    String platform = os + "-" + cpu;
    if (!PLATFORMS.contains(platform)) {
      fail("no npm platform package for " + name + " " + System.getProperty("os.arch")
          + " (lockstep builds " + PLATFORMS + ")");
    }
    return platform;
  }

  static int javaFeature(Path jdk) throws IOException {
    return Integer.parseInt(javaVersion(jdk).split("[.+-]")[0]);
  }

  static String javaVersion(Path home) throws IOException {
    for (String line : Files.readAllLines(home.resolve("release"))) {
      if (line.startsWith("JAVA_VERSION=")) {
        return line.substring("JAVA_VERSION=".length()).replace("\"", "");
      }
    }
    throw new IOException(home + "/release has no JAVA_VERSION");
  }

  static Path tool(Path home, String name) {
    boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
    return home.resolve("bin").resolve(windows ? name + ".exe" : name);
  }

  static Path jvmLibrary(Path runtime) throws IOException {
    for (String candidate : List.of("lib/server/libjvm.so", "lib/server/libjvm.dylib", "bin/server/jvm.dll")) {
      if (Files.isRegularFile(runtime.resolve(candidate))) {
        return runtime.resolve(candidate);
      }
    }
    throw new IOException("no libjvm in " + runtime);
  }

  static String npm() {
    return System.getProperty("os.name").toLowerCase().contains("win") ? "npm.cmd" : "npm";
  }

  static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (p.waitFor() != 0) {
      fail(String.join(" ", command) + " failed with exit code " + p.exitValue());
    }
  }

  static String capture(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    String text = out.toString(StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail(String.join(" ", command) + " failed: " + text.strip());
    }
    return text;
  }

  /** Copies a folder, keeping executable bits; file times are the copy's (npm does not keep them). */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static void fail(String message) {
    System.err.println("[npm] " + message);
    System.exit(1);
  }
}
