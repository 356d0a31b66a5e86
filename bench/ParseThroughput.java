import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.SqlParser;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.wasm.LibpgQuery;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Warm parse throughput on the corpus mix: every statement of corpus is parsed on its
 * own, round after round, on one thread. Also reports the live heap along the way, to show that
 * memory stays bounded across many parses.
 *
 * <p>Run: java -cp cli/target/lockstep.jar bench/ParseThroughput.java [CORPUS] [TOTAL_PARSES]
 * [WARMUP_PARSES] [MODE]. MODE {@code lockstep} (default) times lockstep's parse of a statement
 * (PostgreSQL's parser, statement boundaries, comments, the syntax tree); {@code wasm} times only
 * libpg_query's parse call, as bench/node-reference.cjs does in Node. The statement mix is
 * written to bench/out/statements.json for that script.
 */
public class ParseThroughput {
  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "corpus");
    int total = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    String mode = args.length > 3 ? args[3] : "lockstep";

    SqlParser parser = new SqlParser();
    List<String> statements = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().forEach(files::add);
    }
    for (Path file : files) {
      try {
        ParsedFile parsed = parser.parse(SourceFile.decode(file.toString(), Files.readAllBytes(file)));
        for (Statement s : parsed.statements()) {
          if (s.text().length() < 20_000) statements.add(s.text()); // skip giant dumps
        }
      } catch (InputException e) {
        // unreadable corpus files are not part of the mix
      }
    }
    Files.createDirectories(Path.of("bench/out"));
    new ObjectMapper().writeValue(Path.of("bench/out/statements.json").toFile(), statements);
    System.out.printf("corpus mix: %d statements from %d files, mode %s%n", statements.size(), files.size(), mode);

    Consumer<String> parse;
    if (mode.equals("wasm")) {
      LibpgQuery wasm = LibpgQuery.create();
      parse = sql -> wasm.parse(sql.getBytes(StandardCharsets.UTF_8));
    } else {
      parse = sql -> parser.parse(SourceFile.of("s.sql", sql));
    }
    int i = 0;
    for (; i < warmup; i++) parse.accept(statements.get(i % statements.size()));
    long start = System.nanoTime();
    long windowStart = start;
    Runtime rt = Runtime.getRuntime();
    for (int n = 1; n <= total; n++, i++) {
      parse.accept(statements.get(i % statements.size()));
      if (n % 10_000 == 0) {
        long now = System.nanoTime();
        double rate = 10_000 / ((now - windowStart) / 1e9);
        System.gc(); // report live heap, not garbage awaiting collection
        System.out.printf("after %,7d parses: %,6.0f statements/s (last 10k), live heap %,d MiB%n",
            n, rate, (rt.totalMemory() - rt.freeMemory()) >> 20);
        windowStart = System.nanoTime();
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("warm throughput: %,.0f statements/s over %,d parses (%.1f s), one thread%n", total / secs, total, secs);
  }
}
