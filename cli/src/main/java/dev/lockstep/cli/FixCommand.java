package dev.lockstep.cli;

import dev.lockstep.report.Localized;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.MigrationLinter;
import dev.lockstep.fix.Applicability;
import dev.lockstep.fix.FixSession;
import dev.lockstep.fix.UnifiedDiff;
import dev.lockstep.frameworks.MigrationScript;
import dev.lockstep.input.InputProblem;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.report.Escapes;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.source.SourceFile;
import dev.lockstep.split.SplitPlan;
import dev.lockstep.split.SplitRefused;
import dev.lockstep.split.SplitWriter;
import dev.lockstep.split.Splitter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fix", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Apply the safe fixes to migration files in place (atomically; files that do not parse are left alone).",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep fix db/migrations", "  lockstep fix --diff db/V7__index.sql",
        "  lockstep fix --check db/          # exit 1 if a fix would change something",
        "  cat V7.sql | lockstep fix - --stdin-filename V7.sql > V7.fixed.sql"})
final class FixCommand implements Callable<Integer> {
  @Mixin
  InputOptions input;

  @Mixin
  ConfigOptions config;

  @Mixin
  RuleOptions rules;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private MigrationLinter migrations;
  private Catalog catalog = Catalog.ENGLISH;

  @Option(names = "--diff", description = "Print a unified diff of the fixes and change nothing.")
  boolean diff;

  @Option(names = "--check", description = "Change nothing; exit 1 if a fix would change a file.")
  boolean check;

  @Option(names = "--unsafe-fixes", description = "Also apply fixes marked unsafe (they change behaviour).")
  boolean unsafeFixes;

  @Option(names = "--split", description = "Move statements that need a migration of their own (CONCURRENTLY, "
      + "VALIDATE after NOT VALID, a new enum value's use) into new migrations in the form of the file's tool, "
      + "named to run right after it. Written with --unsafe-fixes; otherwise printed as a diff.")
  boolean split;

  @Override
  public Integer call() throws IOException {
    LintSetup setup = LintSetup.resolve(spec.commandLine(), input, config, rules, null, null, null, null);
    migrations = setup.migrations;
    catalog = Languages.choose(spec, setup.config.lang());
    List<SourceFile> sources = setup.sources;
    List<InputProblem> problems = setup.problems;
    Applicability level = unsafeFixes ? Applicability.UNSAFE : Applicability.SAFE;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = !problems.isEmpty();
    int changed = 0;
    Catalog catalog = Languages.choose(spec, setup.config.lang());
    for (InputProblem p : problems) err.println(Escapes.text(Localized.problem(p, catalog)));
    for (SourceFile source : sources) {
      boolean stdin = input.readsStdin() && source.path().equals(input.stdinFilename);
      MigrationScript script = migrations.script(source);
      if (script.skipped() != null) {
        if (stdin) out.print(source.text());
        continue;
      }
      FixSession.Outcome outcome = FixSession.run(source, level, s -> migrations.lint(migrations.script(s)));
      if (outcome.refused() != null) {
        err.println(catalog.format("%s: %s", Escapes.text(source.path()), outcome.refused()));
        failed = true;
        if (stdin) out.print(source.text());
        continue;
      }
      boolean changes = outcome.changed(source.text());
      if (split && !stdin) {
        Split result = split(source, outcome.text(), out, err);
        if (result == Split.FAILED) { // all or nothing: the fixes are not written without their split
          failed = true;
          continue;
        }
        if (result == Split.WRITTEN) continue;
        if (result == Split.PENDING) changed++;
      }
      if (changes) changed++;
      if (stdin) {
        out.print(withBom(source.hasBom(), outcome.text()));
      } else if (!changes) {
        continue;
      } else if (diff) {
        out.print(UnifiedDiff.of(source.path(), source.text(), outcome.text()));
      } else if (check) {
        out.println(catalog.format("would fix %s", Escapes.text(source.path())));
      } else {
        try {
          AtomicWrite.replace(Path.of(source.path()), encode(source.hasBom(), source.text()), encode(source.hasBom(), outcome.text()));
          err.println(catalog.format("fixed %s", Escapes.text(source.path())));
        } catch (IOException e) {
          err.println(catalog.format("%s: not fixed, the file is unchanged: %s", Escapes.text(source.path()),
              e instanceof AtomicWrite.Refused ? e.getMessage() : SqlFiles.describe(e)));
          failed = true;
        }
      }
    }
    out.flush();
    err.flush();
    if (failed) return Main.EXIT_USAGE;
    return check && changed > 0 ? 1 : 0;
  }

  private enum Split { NONE, PENDING, WRITTEN, FAILED }

  /**
   * Plans the split of one file (after its fixes) and writes it with --unsafe-fixes, or prints it
   * as a diff; the fixes themselves are then written by the caller as usual.
   */
  private Split split(SourceFile source, String fixedText, PrintWriter out, PrintWriter err) throws IOException {
    Path path = Path.of(source.path());
    SourceFile fixed = SourceFile.of(source.path(), fixedText);
    MigrationScript script = migrations.script(fixed);
    SplitPlan plan;
    try {
      plan = Splitter.plan(path, script, migrations.lint(script), catalog);
    } catch (SplitRefused e) {
      err.println(catalog.format("%s: not split, nothing was changed: %s", Escapes.text(source.path()), e.reason()));
      return Split.FAILED;
    }
    plan.notes().forEach(note -> err.println(catalog.render(note)));
    if (!plan.changes(fixedText)) return Split.NONE;
    String eol = FixSession.lineEnding(source.text());
    String rest = plan.originalText(); // its edits' line breaks already follow the lines they land on
    if (!unsafeFixes || diff || check) {
      out.print(UnifiedDiff.of(source.path(), source.text(), rest));
      for (SplitPlan.NewFile f : plan.files()) {
        String text = FixSession.withLineEnding(f.text(), eol);
        out.print(f.replaces() == null ? UnifiedDiff.ofNewFile(f.path().toString(), text)
            : UnifiedDiff.of(f.path().toString(), f.replaces(), text));
      }
      if (!unsafeFixes && !diff && !check) {
        err.println(catalog.format("%s: split shown above; apply it with --unsafe-fixes --split", Escapes.text(source.path())));
      }
      return Split.PENDING;
    }
    List<SplitWriter.Write> writes = new java.util.ArrayList<>();
    for (SplitPlan.NewFile f : plan.files()) {
      writes.add(new SplitWriter.Write(f.path(), f.replaces() == null ? null : f.replaces().getBytes(StandardCharsets.UTF_8),
          FixSession.withLineEnding(f.text(), eol).getBytes(StandardCharsets.UTF_8)));
    }
    writes.add(new SplitWriter.Write(path, encode(source.hasBom(), source.text()), encode(source.hasBom(), rest)));
    try {
      SplitWriter.write(path, writes);
    } catch (IOException e) {
      err.println(catalog.format("%s: not split, nothing was changed: %s", Escapes.text(source.path()), SqlFiles.describe(e)));
      return Split.FAILED;
    }
    for (SplitPlan.NewFile f : plan.files()) {
      err.println(catalog.format(f.replaces() == null ? "created %s" : "updated %s", Escapes.text(f.path().toString())));
    }
    err.println(catalog.format("split %s", Escapes.text(source.path())));
    return Split.WRITTEN;
  }

  private static byte[] encode(boolean bom, String text) {
    return withBom(bom, text).getBytes(StandardCharsets.UTF_8);
  }

  /** The fixed text goes out with the byte order mark the file came in with. */
  private static String withBom(boolean bom, String text) {
    return (bom ? "\uFEFF" : "") + text;
  }
}
