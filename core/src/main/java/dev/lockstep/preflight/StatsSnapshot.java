package dev.lockstep.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.history.AppliedList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a database holds, without a single data value: its tables' estimated rows and sizes, their
 * indexes and whether each is valid, the server version, and which migrations the migration tools'
 * history tables record as applied. Written by {@code lockstep stats}, read by {@code lint --stats}
 * (docs/stats-schema.json describes the file).
 *
 * @param notRead what could not be read, one sentence each (a history table locked by a running
 *     migration, a table the role may not see)
 */
public record StatsSnapshot(String serverVersion, int serverMajor, String database, String takenAt,
                            List<Table> tables, List<AppliedMigration> appliedMigrations, List<String> notRead) {
  public static final String FORMAT = "lockstep-stats";
  public static final int VERSION = 1;

  public StatsSnapshot {
    tables = List.copyOf(tables);
    appliedMigrations = List.copyOf(appliedMigrations);
    notRead = List.copyOf(notRead);
  }

  /** A table, partitioned table or materialized view. {@code estimatedRows} is null when never analyzed. */
  public record Table(String schema, String name, String kind, Long estimatedRows, long totalBytes, List<Index> indexes) {
    public Table {
      indexes = List.copyOf(indexes);
    }

    /** "public.orders" as SQL writes it. */
    public String qualifiedName() {
      return dev.lockstep.parse.ast.Identifiers.quote(schema) + "." + dev.lockstep.parse.ast.Identifiers.quote(name);
    }
  }

  public record Index(String name, boolean valid, boolean unique, boolean primary) {}

  /**
   * One migration a tool's history table lists as applied: the tool ("flyway", "drizzle", ...), the
   * history table, the version (or id or hash) and the name or description (null when the tool keeps none).
   */
  public record AppliedMigration(String tool, String table, String version, String name) {}

  /** The history tables' applied migrations, as the history reads them: which earlier migrations are live. */
  public AppliedList appliedList() {
    List<AppliedList.Entry> entries = new ArrayList<>();
    for (AppliedMigration m : appliedMigrations) entries.add(new AppliedList.Entry(m.tool(), m.version(), m.name()));
    return new AppliedList(entries);
  }

  /** The table the name refers to: schema as written, else public, else the only table of that name. */
  public Table table(String sqlName) {
    RelationName n = RelationName.parse(sqlName);
    if (n == null) return null;
    Table only = null;
    int count = 0;
    for (Table t : tables) {
      if (!t.name().equals(n.name())) continue;
      if (n.schema() != null) {
        if (t.schema().equals(n.schema())) return t;
        continue;
      }
      if (t.schema().equals("public")) return t;
      only = t;
      count++;
    }
    return n.schema() == null && count == 1 ? only : null;
  }

  public void write(Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".lockstep-stats", ".tmp");
    try {
      Files.writeString(tmp, toJson());
      keepMode(file, tmp);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A snapshot written over an existing file keeps that file's permissions (a new one is readable by its owner only). */
  private static void keepMode(Path existing, Path tmp) {
    try {
      if (Files.isRegularFile(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(existing));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // a file system without POSIX permissions: the new file's defaults apply
    }
  }

  public String toJson() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("takenAt", takenAt);
    root.putObject("server").put("version", serverVersion).put("major", serverMajor);
    root.put("database", database);
    ArrayNode ts = root.putArray("tables");
    for (Table t : tables) {
      ObjectNode o = ts.addObject().put("schema", t.schema()).put("name", t.name()).put("kind", t.kind());
      if (t.estimatedRows() == null) o.putNull("estimatedRows");
      else o.put("estimatedRows", t.estimatedRows());
      o.put("totalBytes", t.totalBytes());
      ArrayNode is = o.putArray("indexes");
      for (Index i : t.indexes()) {
        is.addObject().put("name", i.name()).put("valid", i.valid()).put("unique", i.unique()).put("primary", i.primary());
      }
    }
    ArrayNode ms = root.putArray("appliedMigrations");
    for (AppliedMigration m : appliedMigrations) {
      ObjectNode o = ms.addObject().put("tool", m.tool()).put("table", m.table()).put("version", m.version());
      if (m.name() == null) o.putNull("name");
      else o.put("name", m.name());
    }
    ArrayNode nr = root.putArray("notRead");
    notRead.forEach(nr::add);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws IOException with a one-line message naming the file when it is not a snapshot */
  public static StatsSnapshot read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not a lockstep stats snapshot (" + firstLine(e) + ")");
    }
    if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("tables").isArray()) {
      throw new IOException(file + ": not a lockstep stats snapshot (write one with 'lockstep stats')");
    }
    if (root.path("version").asInt() != VERSION) {
      throw new IOException(file + ": stats snapshot version " + root.path("version").asText() + ", this lockstep reads "
          + VERSION);
    }
    List<Table> tables = new ArrayList<>();
    for (JsonNode t : root.path("tables")) {
      List<Index> indexes = new ArrayList<>();
      for (JsonNode i : t.path("indexes")) {
        indexes.add(new Index(i.path("name").asText(), i.path("valid").asBoolean(true), i.path("unique").asBoolean(),
            i.path("primary").asBoolean()));
      }
      JsonNode rows = t.path("estimatedRows");
      tables.add(new Table(t.path("schema").asText(), t.path("name").asText(), t.path("kind").asText("table"),
          rows.isNumber() ? rows.asLong() : null, t.path("totalBytes").asLong(), indexes));
    }
    List<AppliedMigration> applied = new ArrayList<>();
    for (JsonNode m : root.path("appliedMigrations")) {
      applied.add(new AppliedMigration(m.path("tool").asText(), m.path("table").asText(), m.path("version").asText(),
          m.path("name").isTextual() ? m.path("name").asText() : null));
    }
    List<String> notRead = new ArrayList<>();
    root.path("notRead").forEach(n -> notRead.add(n.asText()));
    return new StatsSnapshot(root.path("server").path("version").asText(), root.path("server").path("major").asInt(),
        root.path("database").asText(), root.path("takenAt").asText(), tables, applied, notRead);
  }

  private static String firstLine(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
  }
}
