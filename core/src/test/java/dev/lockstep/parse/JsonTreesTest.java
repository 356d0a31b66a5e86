package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.parse.wasm.LibpgQuery;
import dev.lockstep.parse.wasm.RawParse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tree reader gives exactly the tree ObjectMapper.readTree gives, node types included. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .build());

  @Test
  void everyParseTreeAndScanOfTheCorpusReadsAsObjectMapperReadsIt() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("corpus"))) {
      files = walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(2_000);
    LibpgQuery parser = LibpgQuery.create();
    int trees = 0;
    for (Path file : files) {
      byte[] sql = Files.readAllBytes(file);
      for (RawParse raw : List.of(parser.parse(sql), parser.scan(sql))) {
        if (!raw.ok()) continue;
        assertSameTree(raw.json(), file.toString());
        trees++;
      }
    }
    assertThat(trees).isGreaterThan(4_000);
  }

  @Test
  void numbersKeepTheirNodeTypes() throws IOException {
    for (String json : List.of("{\"a\": 1, \"b\": -2147483649, \"c\": 123456789012345678901234567890, \"d\": 1.5,"
        + " \"e\": -0.0, \"f\": 1e400, \"g\": [true, false, null, \"x\\u0007\"], \"h\": {}}", "[]", "7", "\"s\"", "null")) {
      assertSameTree(json, json);
    }
    assertThat(JsonTrees.readLibpgQuery("{\"c\": 123456789012345678901234567890}").get("c").isBigInteger()).isTrue();
  }

  @Test
  void controlCharactersAsLibpgQueryWritesThem() throws IOException {
    String json = "{\"sval\": \"a\u0007b\"}";
    assertSameTree(json, "BEL");
    assertThat(JsonTrees.readLibpgQuery(json).get("sval").asText()).isEqualTo("a\u0007b");
  }

  @Test
  void nestingDeeperThanTheCallStackCouldHold() throws IOException {
    int depth = 200_000;
    String json = "[".repeat(depth) + "]".repeat(depth);
    JsonNode node = JsonTrees.readLibpgQuery(json);
    for (int i = 1; i < depth; i++) node = node.get(0);
    assertThat(node.isArray()).isTrue();
    assertThat(node.size()).isZero();
  }

  @Test
  void emptyInputIsNoTreeAndTruncatedInputAnError() throws IOException {
    assertThat(JsonTrees.readLibpgQuery("")).isNull();
    assertThatThrownBy(() -> JsonTrees.readLibpgQuery("{\"a\": [1, 2")).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void aParseTreeKeepsTheFirstRowsOfAValuesListAndTheStringsOfTheRest() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      String value = i < 120 ? "{\"A_Const\":{\"ival\":{\"ival\":" + i + "}}}" : "{\"A_Const\":{\"sval\":{\"sval\":\"s" + (i % 3) + "\"}}}";
      rows.append(i == 0 ? "" : ",").append("{\"List\":{\"items\":[").append(value).append("]}}");
    }
    String json = "{\"stmts\":[{\"stmt\":{\"InsertStmt\":{\"selectStmt\":{\"SelectStmt\":{\"valuesLists\":[" + rows
        + "],\"op\":\"SETOP_NONE\"}}}}}]}";
    JsonNode full = JsonTrees.readLibpgQuery(json);
    JsonNode compact = JsonTrees.readParseTree(json);
    JsonNode lists = compact.at("/stmts/0/stmt/InsertStmt/selectStmt/SelectStmt/valuesLists");
    assertThat(lists.size()).isEqualTo(JsonTrees.KEPT_ROWS + 1);
    for (int i = 0; i < JsonTrees.KEPT_ROWS; i++) {
      assertThat(lists.get(i)).isEqualTo(full.at("/stmts/0/stmt/InsertStmt/selectStmt/SelectStmt/valuesLists/" + i));
    }
    assertThat(lists.get(JsonTrees.KEPT_ROWS).toString()).isEqualTo("{\"List\":{\"items\":["
        + "{\"A_Const\":{\"sval\":{\"sval\":\"s0\"}}},{\"A_Const\":{\"sval\":{\"sval\":\"s1\"}}},"
        + "{\"A_Const\":{\"sval\":{\"sval\":\"s2\"}}}]}}");
    assertThat(compact.at("/stmts/0/stmt/InsertStmt/selectStmt/SelectStmt/op").asText()).isEqualTo("SETOP_NONE");
  }

  private static void assertSameTree(String json, String what) throws IOException {
    JsonNode expected = MAPPER.readTree(json);
    JsonNode actual = JsonTrees.readLibpgQuery(json);
    assertThat(actual).as(what).isEqualTo(expected);
    assertThat(actual.toString()).as(what).isEqualTo(expected.toString());
  }
}
