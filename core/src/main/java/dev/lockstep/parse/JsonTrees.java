package dev.lockstep.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON into the same tree as Jackson's {@code ObjectMapper.readTree}, without an
 * ObjectMapper: building one loads date formats and locale data, tens of milliseconds of every cold
 * start, and a parse tree needs none of it. Containers are kept on a heap stack, not the call stack,
 * so any depth of nesting reads (parse trees of nested expressions nest as deeply).
 */
public final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // libpg_query copies control characters of the input (a BEL in an identifier) into its JSON
  // strings unescaped, so those are accepted; its trees nest as deeply as the SQL does.
  private static final JsonFactory LIBPG_QUERY_JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .build();

  private JsonTrees() {}

  /** The tree of a JSON document that libpg_query wrote. */
  public static JsonNode readLibpgQuery(String json) throws IOException {
    try (JsonParser parser = LIBPG_QUERY_JSON.createParser(json)) {
      return read(parser, false);
    }
  }

  /**
   * The tree of a parse result, read so that memory grows with what rules read rather than with
   * the statement: the rows of a {@code VALUES} list past the first {@link #KEPT_ROWS} are not
   * built. What a rule reads from them, the strings they hold (an enum value used too early), is
   * kept once each, in one row after the kept ones.
   */
  public static JsonNode readParseTree(String json) throws IOException {
    try (JsonParser parser = LIBPG_QUERY_JSON.createParser(json)) {
      return read(parser, true);
    }
  }

  /** Rows of a VALUES list that a parse tree holds in full. */
  static final int KEPT_ROWS = 100;

  /** The tree of the one document {@code parser} reads; null when the input is empty. */
  public static JsonNode read(JsonParser parser) throws IOException {
    return read(parser, false);
  }

  private static JsonNode read(JsonParser parser, boolean compactValues) throws IOException {
    Map<ArrayNode, Set<String>> valuesLists = new IdentityHashMap<>();
    Deque<ContainerNode<?>> open = new ArrayDeque<>();
    String field = null;
    JsonNode root = null;
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      JsonNode value;
      switch (token) {
        case FIELD_NAME -> {
          field = parser.currentName();
          continue;
        }
        case END_OBJECT, END_ARRAY -> {
          ContainerNode<?> closed = open.pop();
          Set<String> strings = closed instanceof ArrayNode a ? valuesLists.remove(a) : null;
          if (strings != null && !strings.isEmpty()) ((ArrayNode) closed).add(stringsRow(strings));
          if (open.isEmpty()) return root;
          continue;
        }
        case START_OBJECT -> {
          if (open.peek() instanceof ArrayNode rows && valuesLists.containsKey(rows) && rows.size() >= KEPT_ROWS) {
            collectStrings(parser, valuesLists.get(rows)); // a row no rule reads whole
            continue;
          }
          value = NODES.objectNode();
        }
        case START_ARRAY -> {
          value = NODES.arrayNode();
          if (compactValues && "valuesLists".equals(field) && open.peek() instanceof ObjectNode) {
            valuesLists.put((ArrayNode) value, new LinkedHashSet<>());
          }
        }
        case VALUE_STRING -> value = NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT -> value = switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
        case VALUE_NUMBER_FLOAT -> value = NODES.numberNode(parser.getDoubleValue());
        case VALUE_TRUE -> value = NODES.booleanNode(true);
        case VALUE_FALSE -> value = NODES.booleanNode(false);
        case VALUE_NULL -> value = NODES.nullNode();
        case VALUE_EMBEDDED_OBJECT -> value = NODES.pojoNode(parser.getEmbeddedObject());
        default -> throw new JsonParseException(parser, "unexpected " + token);
      }
      ContainerNode<?> parent = open.peek();
      if (parent == null) {
        root = value;
      } else if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).add(value);
      }
      if (value instanceof ContainerNode<?> container) {
        open.push(container);
      } else if (parent == null) {
        return root;
      }
    }
    if (!open.isEmpty()) throw new JsonParseException(parser, "unexpected end of input");
    return root;
  }

  /** Reads past the object just opened, adding the text of every "sval" in it. */
  private static void collectStrings(JsonParser parser, Set<String> out) throws IOException {
    int depth = 1;
    String field = null;
    while (depth > 0) {
      JsonToken token = parser.nextToken();
      if (token == null) throw new JsonParseException(parser, "unexpected end of input");
      switch (token) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case FIELD_NAME -> field = parser.currentName();
        case VALUE_STRING -> {
          if ("sval".equals(field)) out.add(parser.getText());
        }
        default -> { }
      }
    }
  }

  /** {"List":{"items":[{"A_Const":{"sval":{"sval":...}}}, ...]}}: the strings of the rows not built. */
  private static JsonNode stringsRow(Set<String> strings) {
    ObjectNode row = NODES.objectNode();
    ArrayNode items = row.putObject("List").putArray("items");
    for (String s : strings) items.addObject().putObject("A_Const").putObject("sval").put("sval", s);
    return row;
  }
}
