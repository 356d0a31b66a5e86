package dev.lockstep.history;

import dev.lockstep.i18n.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sqitch's order: the changes of {@code sqitch.plan} from top to bottom, each deployed by
 * {@code deploy/<change>.sql}. A change reworked later in the plan ran its earlier instance from
 * {@code deploy/<change>@<tag>.sql}, named after a tag between the two instances (sqitch uses the
 * first such tag whose script exists). Pragmas ({@code %}), tags ({@code @}) and comments are not
 * changes. Sources: sqitch's documentation (sqitch-rework, sqitch-plan) and App-Sqitch 0.951's
 * change log ("looks for a deploy script using the name of any tag between the reworked instances").
 */
final class SqitchOrder {
  private SqitchOrder() {}

  /** The plan of the project that holds {@code file}, or null. */
  static Path plan(Path file) {
    Path dir = file.getParent();
    for (int i = 0; dir != null && i < 10; i++, dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("sqitch.plan"))) return dir.resolve("sqitch.plan");
    }
    return null;
  }

  static MigrationOrder of(Path file) throws IOException {
    Path plan = plan(file);
    if (plan == null) return MigrationOrder.NONE;
    Path deploy = plan.getParent().resolve("deploy");
    String text = Files.readString(plan);
    List<Line> changes = new ArrayList<>();
    List<List<String>> tagsAfter = new ArrayList<>(); // tags that follow each change, up to the next change
    int offset = 0;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      int at = offset + raw.indexOf(line.isEmpty() ? raw : line);
      offset += raw.length() + 1;
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("%")) continue;
      String name = line.split("\\s+")[0];
      if (name.startsWith("@")) {
        // a tag applies to every change above it that has not yet got a later instance
        for (List<String> tags : tagsAfter) tags.add(name.substring(1));
        continue;
      }
      if (name.startsWith("+")) name = name.substring(1);
      if (name.startsWith("-")) continue; // a revert entry in the plan: not a deploy
      changes.add(new Line(name, at));
      tagsAfter.add(new ArrayList<>());
    }
    Map<String, Integer> lastIndex = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) lastIndex.put(changes.get(i).name(), i);
    List<Migration> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Line change = changes.get(i);
      Path script = deploy.resolve(change.name() + ".sql").normalize();
      if (lastIndex.get(change.name()) != i) {
        script = null;
        int next = nextInstance(changes, i);
        List<String> between = tagsAfter.get(i).subList(0, tagsAfter.get(i).size() - tagsAfter.get(next).size());
        for (String tag : between) {
          Path candidate = deploy.resolve(change.name() + "@" + tag + ".sql").normalize();
          if (Files.isRegularFile(candidate)) {
            script = candidate;
            break;
          }
        }
        if (script == null) {
          return MigrationOrder.failed(TextPositions.problemAt(plan, text, change.offset(), Text.of("change %s is reworked later, but no deploy/%s@<tag>.sql exists for a tag between its instances",
              change.name(), change.name())));
        }
      } else if (!Files.isRegularFile(script)) {
        return MigrationOrder.failed(TextPositions.problemAt(plan, text, change.offset(),
            Text.of("change %s has no deploy script %s", change.name(), String.valueOf(plan.getParent().relativize(script)))));
      }
      out.add(new Migration(script, change.name(), change.name(), null));
    }
    return MigrationOrder.of(out);
  }

  private record Line(String name, int offset) {}

  private static int nextInstance(List<Line> changes, int i) {
    for (int j = i + 1; j < changes.size(); j++) if (changes.get(j).name().equals(changes.get(i).name())) return j;
    throw new IllegalStateException("no later instance of " + changes.get(i).name());
  }
}
