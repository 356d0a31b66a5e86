package dev.lockstep.frameworks;

import dev.lockstep.i18n.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.source.BoundedRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations folder a drizzle.config.{ts,js,mjs,cjs,mts,json} names in {@code out}, read as
 * text: lockstep does not run the config. A config that computes {@code out} (an environment
 * variable, a function call, a template) cannot be read, and says so in {@link #note()}.
 *
 * @param file the config file
 * @param outs the folders named by {@code out}, resolved against the config's folder (drizzle-kit
 *     runs there), or drizzle-kit's default "drizzle" when the config has no {@code out}
 * @param note why {@code out} could not be read, or null
 */
public record DrizzleConfig(Path file, List<Path> outs, Text note) {
  /** The names drizzle-kit looks for, in its order. */
  public static final List<String> NAMES = List.of("drizzle.config.ts", "drizzle.config.mts", "drizzle.config.js",
      "drizzle.config.mjs", "drizzle.config.cjs", "drizzle.config.json");
  private static final long MAX_BYTES = 1L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
  private static final Pattern OUT_KEY = Pattern.compile("(?<![\\w$.])[\"']?out[\"']?\\s*:\\s*");
  private static final Pattern LITERAL = Pattern.compile("\\A(?:'([^'\\\\\\n]*)'|\"([^\"\\\\\\n]*)\"|`([^`\\\\$]*)`)\\s*[,}\\n]");

  private static Text computed(Path file) {
    return Text.of("%s: 'out' is computed when the config runs, so lockstep cannot read it; "
        + "files there are detected by their markers only", String.valueOf(file.getFileName()));
  }

  private static Text unreadable(Path file, Text reason) {
    return Text.of("%s cannot be read (%s); files there are detected by their markers only", String.valueOf(file.getFileName()),
        reason);
  }

  /** Why the config could not be read, as a sentence to show in the run's language. */
  private static Text reason(IOException e) {
    if (e instanceof BoundedRead.NotRegularFile other) return other.problem();
    if (e instanceof java.nio.file.AccessDeniedException) return Text.of("permission denied");
    return Text.of("%s", String.valueOf(e.getMessage()));
  }

  /** Reads the config; an unreadable one gives no folder and a note. */
  public static DrizzleConfig read(Path file) {
    Path dir = file.getParent();
    String text;
    try {
      text = new String(BoundedRead.file(file, MAX_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new DrizzleConfig(file, List.of(), unreadable(file, reason(e)));
    }
    if (file.getFileName().toString().endsWith(".json")) {
      try {
        JsonNode out = JSON.readTree(text).path("out");
        if (out.isMissingNode()) return new DrizzleConfig(file, List.of(dir.resolve("drizzle").normalize()), null);
        if (!out.isTextual()) return new DrizzleConfig(file, List.of(), computed(file));
        return new DrizzleConfig(file, List.of(dir.resolve(out.asText()).normalize()), null);
      } catch (IOException e) {
        return new DrizzleConfig(file, List.of(), unreadable(file, Text.of("not JSON")));
      }
    }
    String code = COMMENT.matcher(text).replaceAll(" ");
    List<Path> outs = new ArrayList<>();
    Matcher key = OUT_KEY.matcher(code);
    boolean any = false;
    while (key.find()) {
      any = true;
      Matcher literal = LITERAL.matcher(code.substring(key.end()));
      if (!literal.find()) return new DrizzleConfig(file, List.of(), computed(file));
      String value = literal.group(1) != null ? literal.group(1) : literal.group(2) != null ? literal.group(2) : literal.group(3);
      try {
        outs.add(dir.resolve(value).normalize());
      } catch (java.nio.file.InvalidPathException e) {
        return new DrizzleConfig(file, List.of(), computed(file));
      }
    }
    if (!any) outs.add(dir.resolve("drizzle").normalize());
    return new DrizzleConfig(file, outs, null);
  }

  /** The drizzle configs in {@code dir}. */
  static List<DrizzleConfig> in(Path dir) {
    List<DrizzleConfig> out = new ArrayList<>();
    for (String name : NAMES) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) out.add(read(f));
    }
    return out;
  }

  /** The out folder holding this migration (its folder, or its parent for drizzle-kit's folder-per-migration layout), or null. */
  Path holding(Path migration) {
    for (Path out : outs) {
      Path real = Canonical.of(out);
      Path parent = migration.getParent();
      if (parent == null) continue;
      if (parent.equals(real) || parent.getParent() != null && parent.getParent().equals(real)
          && migration.getFileName().toString().equals("migration.sql")) {
        return out;
      }
    }
    return null;
  }
}
