package dev.lockstep.cli;

import dev.lockstep.i18n.Text;
import dev.lockstep.io.AtomicWrite;
import dev.lockstep.input.SqlFiles;
import dev.lockstep.report.LintReport;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.report.Reporter;
import dev.lockstep.report.Reporters;
import dev.lockstep.report.TextReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a report is shown and where it is also written, and the severity that fails the run: a picocli mixin. */
public final class OutputOptions {
  @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  String format;

  @Option(names = "--output", paramLabel = "FORMAT=FILE",
      description = "Also write a report in FORMAT to FILE (repeatable), e.g. --output sarif=lockstep.sarif.")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--fail-level", paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at least this severe: error, warning, hint (default: warning; for trace, "
          + "only a failed statement fails the run).")
  String failLevel;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour the text output: auto (a terminal without NO_COLOR), always, never.")
  String color;

  /** The format names, for --help and shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Reporters.names().iterator();
    }
  }

  /** One --output: a format and the file to write it to. */
  record ReportFile(String format, Path file) {}

  /**
   * Checks every option before any work is done: known formats, and --output files whose folder
   * exists and can be written; {@code configFormat} is the configuration's format, used when --format is not given.
   */
  List<ReportFile> validate(CommandLine commandLine, String configFormat) {
    if (format == null) format = configFormat;
    if (format != null && !Reporters.exists(format)) {
      throw Usage.error(commandLine, Text.of("%s: unknown format '%s' (one of %s)", "--format", format,
          String.join(", ", Reporters.names())));
    }
    if (!List.of("auto", "always", "never").contains(color)) {
      throw Usage.error(commandLine, Text.of("%s must be auto, always or never, got '%s'", "--color", color));
    }
    List<ReportFile> files = new ArrayList<>();
    for (String output : outputs) {
      int eq = output.indexOf('=');
      if (eq <= 0 || eq == output.length() - 1 || !Reporters.exists(output.substring(0, eq))) {
        throw Usage.error(commandLine, Text.of("%s must be FORMAT=FILE with FORMAT one of %s, got '%s'", "--output",
            String.join(", ", Reporters.names()), output));
      }
      Path file = Path.of(output.substring(eq + 1));
      Text problem = unwritable(file);
      if (problem != null) throw new CommandFailure(Text.of("%s: %s", "--output " + output, problem));
      files.add(new ReportFile(output.substring(0, eq), file));
    }
    return files;
  }

  /** Why a report cannot be written to {@code file}, or null. */
  static Text unwritable(Path file) {
    if (Files.isDirectory(file)) return Text.of("%s is a folder", file.toString());
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) return Text.of("no folder to write %s in", file.toString());
    if (!Files.exists(parent)) return Text.of("the folder %s does not exist", parent.toString());
    if (!Files.isDirectory(parent)) return Text.of("%s is not a folder", parent.toString());
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
      return Text.of("%s is not writable (permission denied)", (Files.exists(file) ? file : parent).toString());
    }
    return null;
  }

  Reporter reporter(Catalog catalog) {
    if (format != null && !format.equals("text")) return Reporters.create(format, catalog);
    boolean useColor = switch (color) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
    return new TextReporter(useColor, catalog);
  }

  /** Prints the report in --format and writes each --output file; a file that cannot be written is a {@link CommandFailure}. */
  void write(LintReport report, PrintWriter out, List<ReportFile> files) throws IOException {
    write(report, out, files, Catalog.ENGLISH);
  }

  /** The same, with messages in the catalogue's language. */
  void write(LintReport report, PrintWriter out, List<ReportFile> files, Catalog catalog) throws IOException {
    reporter(catalog).write(report, out);
    out.flush();
    for (ReportFile f : files) {
      StringBuilder text = new StringBuilder();
      Reporters.create(f.format(), catalog).write(report, text);
      try {
        AtomicWrite.replace(f.file(), text.toString().getBytes(StandardCharsets.UTF_8));
      } catch (AtomicWrite.Refused e) {
        throw new CommandFailure(Text.of("%s: %s", "--output " + f.format() + "=" + f.file(), e.text()));
      } catch (IOException e) {
        Text problem = unwritable(f.file());
        throw new CommandFailure(Text.of("%s: %s", "--output " + f.format() + "=" + f.file(),
            problem != null ? problem : SqlFiles.describeWrite(e)));
      }
    }
  }
}
