package dev.lockstep.cli;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Text;
import dev.lockstep.engine.Limits;
import dev.lockstep.frameworks.Framework;
import dev.lockstep.frameworks.FrameworkDetector;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.source.BoundedRead;
import dev.lockstep.source.InputException;
import dev.lockstep.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a commented lockstep.toml for the migrations found under a folder.")
final class InitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", defaultValue = ".", description = "Where the migrations are (default: here).")
  Path dir;

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  @Option(names = "--output", paramLabel = "FILE", defaultValue = "lockstep.toml",
      description = "Where to write the configuration (default: ${DEFAULT-VALUE}).")
  Path target;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Catalog catalog = Languages.choose(spec, null);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
      throw Usage.error(spec.commandLine(), Text.of("%s exists; use --force to overwrite it", target.toString()));
    }
    // before any work, and so that a missing folder is an error rather than made
    Text problem = OutputOptions.unwritable(target);
    if (problem != null) throw new CommandFailure(Text.of("%s: %s", "--output " + target, problem));
    Map<Framework, Integer> counts = new EnumMap<>(Framework.class);
    Set<Text> notes = new LinkedHashSet<>(); // as lint says them: configuration that could not be read
    SqlFiles files = SqlFiles.collect(List.of(dir));
    for (Path file : files.files()) {
      try {
        SourceFile source = SourceFile.decode(file.toString(), BoundedRead.file(file, Limits.DEFAULT_MAX_FILE_BYTES));
        // as lint interprets it, so that the notes are lint's too (a Flyway setting from the environment)
        FrameworkDetector.Detection detection = MigrationScript.of(file, source, null, false).detection();
        counts.merge(detection.framework(), 1, Integer::sum);
        notes.addAll(detection.notes());
      } catch (IOException | InputException e) {
        // unreadable files do not decide the framework
      }
    }
    Framework main = counts.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
        .map(Map.Entry::getKey).orElse(Framework.PLAIN);
    byte[] text = starter(main, counts.getOrDefault(main, 0), files.files().size()).getBytes(StandardCharsets.UTF_8);
    try {
      if (force) {
        AtomicWrite.replace(target, text);
      } else {
        AtomicWrite.create(target, text, null);
      }
    } catch (AtomicWrite.Refused e) {
      throw Usage.error(spec.commandLine(), e.text());
    }
    int all = files.files().size();
    spec.commandLine().getOut().println(catalog.format(all == 1 ? "Wrote %s (%s: %d of %d migration file)"
        : "Wrote %s (%s: %d of %d migration files)", target.toString(), main.id(), counts.getOrDefault(main, 0), all));
    for (Text note : notes) spec.commandLine().getErr().println(DetectionNotes.note(note, catalog));
    return 0;
  }

  static String starter(Framework framework, int matching, int total) {
    return """
        # lockstep configuration. Every key is optional; the schema is docs/config-schema.json.
        # Detected: %s (%d of %d SQL files). lockstep detects the tool per file; pin it per path below if needed.

        # PostgreSQL major the migrations run on (10-18; default 18).
        # pg-version = 16

        # Exit 1 when a finding is at least this severe: error, warning or hint.
        fail-level = "warning"

        # Lint only these files when walking folders, and leave these out (globs relative to this file).
        # include = ["db/migrations/**/*.sql"]
        # exclude = ["db/migrations/legacy/**"]

        # The longest lock_timeout a migration may set.
        # max-lock-timeout = "5s"

        # Set to true if your deploy tool sets lock_timeout for the migration session itself.
        # runner-sets-lock-timeout = true

        # Also lint down/undo migrations.
        # include-down = false

        [rules]
        # Advice rules are off by default:
        # enable = ["prefer-bigint-keys", "prefer-identity-columns", "prefer-text-type", "prefer-timestamptz",
        #           "prefer-if-exists", "prefer-statement-timeout"]
        # disable = ["ban-drop-column"]

        [rules.severity]
        # ban-drop-column = "error"

        [frameworks]
        # "db/migrations/**" = "%s"
        """.formatted(framework.id(), matching, total, framework.id());
  }
}
