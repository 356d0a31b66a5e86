package dev.lockstep.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the compiled classes of lockstep's core: packages depend on each other without cycles,
 * and only the classes that read or write a JSON, TOML or YAML format use Jackson; the syntax tree
 * keeps it inside dev.lockstep.parse, so rules and the engine read typed nodes. Class files are
 * read, not sources: a type used without an import (a call chain, {@code var}) is in the class's
 * constant pool all the same.
 */
class PackageDependenciesTest {
  /** target/classes, beside the target/test-classes this test runs from. */
  private static final Path CLASSES = classesFolder();
  private static final Pattern LOCKSTEP_CLASS = Pattern.compile("dev/lockstep/((?:[a-z0-9_]+/)*)[A-Z][A-Za-z0-9_$]*");

  /** Classes outside dev.lockstep.parse whose job is a file format that Jackson reads or writes. */
  private static final Set<String> FORMAT_CLASSES = Set.of(
      "dev.lockstep.report.Baseline", "dev.lockstep.report.GitlabReporter", "dev.lockstep.report.JsonReporter",
      "dev.lockstep.report.SarifReporter", "dev.lockstep.report.SarifLog", "dev.lockstep.config.ConfigLoader",
      "dev.lockstep.cache.ResultCache",
      "dev.lockstep.split.DrizzleLayout", "dev.lockstep.frameworks.FlywaySettings",
      // side files of migration tools: Drizzle's meta/_journal.json, Liquibase's YAML/JSON changelogs
      "dev.lockstep.history.DrizzleOrder", "dev.lockstep.frameworks.LiquibaseChangelog",
      // the project files detection reads: drizzle.config.json, package.json
      "dev.lockstep.frameworks.DrizzleConfig", "dev.lockstep.frameworks.PackageJson",
      // preflight's JSON and SARIF reports and lockstep stats' snapshot file
      "dev.lockstep.preflight.PreflightJson", "dev.lockstep.preflight.PreflightSarif",
      "dev.lockstep.preflight.StatsSnapshot",
      // Drizzle's journal, read to match files to __drizzle_migrations rows
      "dev.lockstep.preflight.DrizzleApplied",
      // the message catalogues (messages_<code>.json)
      "dev.lockstep.i18n.Catalog");

  private static Path classesFolder() {
    try {
      Path tests = Path.of(PackageDependenciesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return tests.resolveSibling("classes");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> classFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(p).toString().replace('\\', '/').replace(".class", "");
        out.put(name, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return internalName.substring(0, slash).replace('/', '.');
  }

  @Test
  void onlyTheParserAndFormatClassesUseJackson() throws IOException {
    Set<String> users = new TreeSet<>();
    classFiles().forEach((name, bytes) -> {
      String outer = name.replaceAll("\\$.*", "").replace('/', '.');
      if (bytes.contains("com/fasterxml") && !outer.startsWith("dev.lockstep.parse.") && !FORMAT_CLASSES.contains(outer)) {
        users.add(outer);
      }
    });
    assertThat(users).as("classes outside dev.lockstep.parse that use Jackson").isEmpty();
  }

  @Test
  void packagesFormNoCycle() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    classFiles().forEach((name, bytes) -> {
      String from = packageOf(name);
      Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
      Matcher m = LOCKSTEP_CLASS.matcher(bytes);
      while (m.find()) {
        String target = packageOf(m.group());
        if (!target.equals(from)) to.add(target);
      }
    });
    List<List<String>> cycles = new ArrayList<>();
    for (List<String> component : stronglyConnected(uses)) if (component.size() > 1) cycles.add(component);
    assertThat(cycles).as("package cycles (each list is a set of packages that depend on each other)").isEmpty();
  }

  /** Tarjan's algorithm: the strongly connected components of the package graph. */
  private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out, counter);
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<List<String>> out, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      component.sort(null);
      out.add(component);
    }
  }
}
