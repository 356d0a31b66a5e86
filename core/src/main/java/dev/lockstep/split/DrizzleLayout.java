package dev.lockstep.split;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.fix.Relocation;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drizzle: a new &lt;idx&gt;_&lt;name&gt;.sql after the newest migration, and its entry in meta/_journal.json.
 * drizzle-kit migrate runs every pending migration in one transaction, so a statement that must run
 * outside a transaction cannot be a Drizzle migration at all, and one that needs its own
 * transaction gets it only when the new migration ships in a later deploy.
 */
final class DrizzleLayout implements MigrationLayout {
  private final Catalog catalog;

  DrizzleLayout(Catalog catalog) {
    this.catalog = catalog;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The folder, beside the migrations, of the scripts to run after the migrator. */
  static final String POST_MIGRATE = "post-migrate";

  @Override
  public boolean oneStatementOutsideTransaction() {
    return true;
  }

  /** Two breakpoints with nothing but blanks between them: a moved statement stood there. */
  private static final Pattern DOUBLED = Pattern.compile("--> statement-breakpoint(?:[ \\t]*\\r?\\n[ \\t]*--> statement-breakpoint)+");
  /** A breakpoint with no statement after it: the file's last statement moved. */
  private static final Pattern TRAILING = Pattern.compile("[ \\t]*--> statement-breakpoint[ \\t]*(\\r?\\n)?\\s*\\z");
  /** A breakpoint with no statement before it: the file's first statement moved. */
  private static final Pattern LEADING = Pattern.compile("\\A\\s*--> statement-breakpoint[ \\t]*\\r?\\n");

  @Override
  public SplitPlan place(Path file, String text, String rest, List<List<Relocation>> groups) throws SplitRefused {
    rest = tidy(rest);
    String tag = file.getFileName().toString().replaceFirst("\\.sql$", "");
    List<SplitPlan.NewFile> scripts = new ArrayList<>();
    List<Text> notes = new ArrayList<>();
    List<List<Relocation>> migrations = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (List<Relocation> group : groups) {
      if (!group.get(0).outsideTransaction()) {
        migrations.add(group);
        continue;
      }
      // no Drizzle migration runs outside the migrator's transaction: the statement becomes a script run after it
      String name = tag + "_" + Splitter.slug(group);
      // two statements of the same kind can have the same slug: the second script gets a number
      for (int n = 2; !names.add(name); n++) name = tag + "_" + Splitter.slug(group) + "_" + n;
      Path script = file.resolveSibling(POST_MIGRATE).resolve(name + ".sql");
      String run = "psql \"$DATABASE_URL\" -f " + POST_MIGRATE + "/" + script.getFileName();
      scripts.add(new SplitPlan.NewFile(script, Headers.sql("--", file, group, catalog)
          + "-- " + catalog.format("Not a Drizzle migration: run it after drizzle-kit migrate has committed, with no "
              + "transaction: %s", run) + "\n"
          + Splitter.sql(group), null));
      notes.add(Text.of("%s cannot run inside drizzle-kit's migrator: run %s after drizzle-kit migrate in the deploy "
          + "(from %s's folder: %s)", group.get(0).sql().strip().split("\\s+")[0] + " ... CONCURRENTLY",
          POST_MIGRATE + "/" + script.getFileName(), file.getFileName().toString(), run));
    }
    if (migrations.isEmpty()) return new SplitPlan(rest, scripts, notes);
    groups = migrations;
    Path journalFile = file.resolveSibling("meta").resolve("_journal.json");
    String journalText;
    JsonNode journal;
    try {
      journalText = new String(BoundedRead.file(journalFile, 64L << 20), StandardCharsets.UTF_8);
      journal = JSON.readTree(journalText);
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot read Drizzle's journal %s: %s", journalFile.toString(), e.getMessage()));
    }
    ArrayNode entries = journal.path("entries") instanceof ArrayNode a ? a : null;
    int at = entries == null ? -1 : entries.size() - 1;
    while (at >= 0 && !tag.equals(entries.get(at).path("tag").asText())) at--;
    if (at < 0) throw newestOnly();
    JsonNode last = entries.get(at);
    long lastIdx = wholeNumber(last, "idx", Integer.MAX_VALUE - groups.size());
    long lastWhen = wholeNumber(last, "when", Long.MAX_VALUE - groups.size());
    List<SplitPlan.NewFile> files = new ArrayList<>();
    List<ObjectNode> added = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      List<Relocation> group = groups.get(i);
      int idx = Math.toIntExact(lastIdx + 1 + i);
      String newTag = String.format("%04d_%s", idx, Splitter.slug(group));
      ObjectNode entry = JSON.createObjectNode();
      entry.put("idx", idx);
      entry.set("version", last.path("version"));
      entry.put("when", lastWhen + 1 + i);
      entry.put("tag", newTag);
      entry.put("breakpoints", last.path("breakpoints").asBoolean(true));
      added.add(entry);
      files.add(new SplitPlan.NewFile(file.resolveSibling(newTag + ".sql"),
          Headers.sql("--", file, group, catalog) + Splitter.sql(group), null));
    }
    if (at == entries.size() - 1) {
      entries.addAll(added);
      files.add(new SplitPlan.NewFile(journalFile, write(journal, journalText), journalText));
    } else if (!journaledBefore(entries, at, added)) {
      throw newestOnly();
    } // else a run stopped after writing the journal, before the original: the journal is complete already
    notes.add(0, Text.of("Drizzle runs pending migrations in one transaction: ship %s in a later deploy than %s so "
        + "that it runs in a transaction of its own", files.get(0).path().getFileName().toString(), file.getFileName().toString()));
    files.addAll(scripts);
    return new SplitPlan(rest, files, notes);
  }

  /**
   * The rest of the migration without the breakpoints the moved statements left: doubled, first or
   * last. Each would be an empty statement for the migrator, which runs but is noise in the file.
   */
  static String tidy(String rest) {
    String out = DOUBLED.matcher(rest).replaceAll("--> statement-breakpoint");
    Matcher trailing = TRAILING.matcher(out);
    if (trailing.find()) out = out.substring(0, trailing.start()) + (trailing.group(1) != null ? trailing.group(1) : "");
    return LEADING.matcher(out).replaceFirst("");
  }

  private static SplitRefused newestOnly() {
    return new SplitRefused("Drizzle orders migrations by their journal entry: only the newest one (the last entry "
        + "of meta/_journal.json) can be split");
  }

  /** Whether the entries after {@code at} are exactly {@code added}, as a stopped split wrote them. */
  private static boolean journaledBefore(ArrayNode entries, int at, List<ObjectNode> added) throws SplitRefused {
    if (entries.size() - 1 - at != added.size()) return false;
    try {
      for (int i = 0; i < added.size(); i++) {
        // compared as written: a number read back may be of another node type than the one put
        if (!JSON.writeValueAsString(entries.get(at + 1 + i)).equals(JSON.writeValueAsString(added.get(i)))) return false;
      }
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot read Drizzle's journal: %s", e.getMessage()));
    }
    return true;
  }

  /** A journal field that must be a whole number from 0 to {@code max}, so that the next ones do not overflow. */
  private static long wholeNumber(JsonNode entry, String field, long max) throws SplitRefused {
    JsonNode v = entry.path(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
      throw new SplitRefused(v.isMissingNode()
          ? Text.of("the last entry of meta/_journal.json has no %s; it must be a whole number from 0 to %s for the next "
              + "migrations to follow it", field, max)
          : Text.of("the last entry of meta/_journal.json has %s %s; it must be a whole number from 0 to %s for the next "
              + "migrations to follow it", field, v.toString(), max));
    }
    return v.asLong();
  }

  /** In the journal's own style: compact, or indented like drizzle-kit writes it. */
  private static String write(JsonNode journal, String original) throws SplitRefused {
    try {
      if (!original.strip().contains("\n")) return JSON.writeValueAsString(journal) + (original.endsWith("\n") ? "\n" : "");
      String indent = original.lines().filter(l -> l.startsWith(" ") || l.startsWith("\t")).findFirst()
          .map(l -> l.substring(0, l.length() - l.stripLeading().length())).orElse("  ");
      DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(indenter);
      printer.indentArraysWith(indenter);
      return JSON.writer(printer).writeValueAsString(journal).replace("[ ]", "[]") + (original.endsWith("\n") ? "\n" : "");
    } catch (IOException e) {
      throw new SplitRefused(Text.of("cannot write Drizzle's journal: %s", e.getMessage()));
    }
  }
}
