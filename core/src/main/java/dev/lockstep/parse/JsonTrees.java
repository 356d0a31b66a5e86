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
      return read(parser);
    }
  }

  /** The tree of the one document {@code parser} reads; null when the input is empty. */
  public static JsonNode read(JsonParser parser) throws IOException {
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
          open.pop();
          if (open.isEmpty()) return root;
          continue;
        }
        case START_OBJECT -> value = NODES.objectNode();
        case START_ARRAY -> value = NODES.arrayNode();
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
}
