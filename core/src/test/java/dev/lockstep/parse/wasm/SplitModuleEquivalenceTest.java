package dev.lockstep.parse.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.SyntaxError;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parser lockstep ships is libpg_query's wasm after the build split its largest functions
 * (wasm-split/). This test runs the module as published, compiled with Chicory's interpreter
 * for the functions too large to compile, next to the shipped one (whose data segments ship as
 * one image of memory, copied in at start), on every statement of the
 * corpus and on a truncated copy of every fourth statement (to reach syntax errors at many
 * places). Parse trees, error messages, cursor positions, scanner output, PL/pgSQL trees and
 * fingerprints (which run the split fingerprint walker) must be byte-identical.
 */
class SplitModuleEquivalenceTest {
  static final Path CORPUS = Path.of("corpus");
  static final Path ORIGINAL = Path.of("core", "target", "libpg-query", "libpg-query.wasm");

  private static WasmModule original;
  private static Function<Instance, Machine> originalMachines;

  @BeforeAll
  static void compileOriginal() {
    assertThat(ORIGINAL).as("the build leaves the unsplit module here").exists();
    original = Parser.parse(ORIGINAL);
    originalMachines = MachineFactoryCompiler.builder(original)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .compile();
  }

  @Test
  void splitModuleGivesByteIdenticalResultsOnTheWholeCorpus() throws Exception {
    List<String> inputs = corpusInputs();
    assertThat(inputs).hasSizeGreaterThan(15_000);
    int threads = 2;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(pool.submit(() -> compare(inputs, first, threads)));
      }
      List<String> differences = new ArrayList<>();
      for (Future<List<String>> part : parts) differences.addAll(part.get());
      assertThat(differences).as("inputs where the split module differs").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> compare(List<String> inputs, int first, int step) {
    Pair pair = new Pair();
    List<String> differences = new ArrayList<>();
    for (int i = first; i < inputs.size(); i += step) {
      String sql = inputs.get(i);
      byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
      pair.check(differences, "parse", sql, q -> q.parse(utf8));
      pair.check(differences, "scan", sql, q -> q.scan(utf8));
      pair.check(differences, "fingerprint", sql, q -> q.fingerprint(utf8));
      String lower = sql.toLowerCase(Locale.ROOT);
      if (lower.contains("function") || lower.contains("do ") || lower.contains("do$")) {
        pair.check(differences, "plpgsql", sql, q -> q.parsePlpgsql(utf8));
      }
    }
    return differences;
  }

  /** The shipped module and the original, each replaced by a fresh instance after a trap. */
  private static final class Pair {
    private LibpgQuery split = LibpgQuery.create();
    private LibpgQuery unsplit = LibpgQuery.create(original, originalMachines);

    void check(List<String> differences, String call, String sql, Function<LibpgQuery, Object> run) {
      String a = outcome(run, true);
      String b = outcome(run, false);
      if (!a.equals(b)) {
        differences.add(call + " of " + sql.substring(0, Math.min(120, sql.length())) + "\n  split:   " + a
            + "\n  unsplit: " + b);
      }
    }

    private String outcome(Function<LibpgQuery, Object> run, boolean ofSplit) {
      try {
        return String.valueOf(run.apply(ofSplit ? split : unsplit));
      } catch (WasmTrap e) {
        if (ofSplit) split = LibpgQuery.create();
        else unsplit = LibpgQuery.create(original, originalMachines);
        return "trap: " + e.getMessage();
      }
    }
  }

  /** Every statement of every readable corpus file, plus the first half of every fourth one. */
  private static List<String> corpusInputs() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
    }
    SqlParser parser = new SqlParser();
    List<String> inputs = new ArrayList<>();
    for (Path file : files) {
      ParsedFile parsed;
      try {
        parsed = parser.parse(SourceFile.decode(file.toString(), Files.readAllBytes(file)));
      } catch (InputException e) {
        continue; // not text: nothing to parse
      }
      for (Statement s : parsed.statements()) inputs.add(s.text());
      for (SyntaxError e : parsed.errors()) {
        inputs.add(parsed.source().text().substring(e.statement().start(), e.statement().end()));
      }
    }
    int whole = inputs.size();
    for (int i = 0; i < whole; i += 4) {
      String s = inputs.get(i);
      inputs.add(s.substring(0, s.length() / 2));
    }
    return inputs;
  }
}
