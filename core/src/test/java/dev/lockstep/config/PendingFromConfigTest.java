package dev.lockstep.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.lockstep.rules.Rules;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pending-from} in lockstep.toml and .lockstep.yaml, and in the documented schema. */
class PendingFromConfigTest {
  @TempDir
  Path dir;

  private static Set<String> ids() {
    Set<String> ids = new HashSet<>();
    Rules.all().forEach(r -> ids.add(r.id()));
    return ids;
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readFromTomlAndYaml() throws Exception {
    assertThat(new ConfigLoader(ids()).load(write("a/lockstep.toml", "pending-from = \"1.10\"\n")).pendingFrom())
        .isEqualTo("1.10");
    assertThat(new ConfigLoader(ids()).load(write("b/.lockstep.yaml", "pending-from: 20240101120000_add_orders\n"))
        .pendingFrom()).isEqualTo("20240101120000_add_orders");
    assertThat(new ConfigLoader(ids()).load(write("c/lockstep.toml", "pg-version = 16\n")).pendingFrom()).isNull();
  }

  @Test
  void aNumberOrAnEmptyStringIsRefusedWithItsLine() throws Exception {
    Path number = write("n/lockstep.toml", "pg-version = 16\npending-from = 1.10\n");
    assertThatThrownBy(() -> new ConfigLoader(ids()).load(number)).hasMessage(number + ":2: pending-from must be a quoted "
        + "version or migration name such as \"12\", \"1.10\" or \"20240101120000_add_orders\", got 1.1");
    Path empty = write("e/lockstep.toml", "pending-from = \" \"\n");
    assertThatThrownBy(() -> new ConfigLoader(ids()).load(empty)).hasMessageStartingWith(empty + ":1: pending-from must be");
  }

  @Test
  void theSchemaAcceptsAVersionAndRejectsANumber() throws Exception {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("docs", "config-schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    JsonNode good = new TomlMapper().readTree("pending-from = \"12\"\npg-version = 16\n");
    assertThat(schema.validate(good)).isEmpty();
    JsonNode bad = new TomlMapper().readTree("pending-from = 12\n");
    assertThat(schema.validate(bad)).hasSize(1);
    assertThat(schema.validate(new TomlMapper().readTree("pending-from = \"\"\n"))).hasSize(1);
  }
}
