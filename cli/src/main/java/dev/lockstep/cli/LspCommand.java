package dev.lockstep.cli;

import dev.lockstep.cli.lsp.LanguageServerSession;
import dev.lockstep.cli.lsp.ServerOptions;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lsp", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the language server (LSP over standard input and output) for editors: diagnostics as you "
        + "type, quick fixes, and rule documentation on hover.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep lsp", "  lockstep lsp --pg-version 15 --fail-level error"})
final class LspCommand implements Callable<Integer> {
  @Option(names = "--pg-version", paramLabel = "MAJOR",
      description = "PostgreSQL major the migrations run on (default: the configuration's, else the newest lockstep knows).")
  Integer pgVersion;

  @Option(names = "--fail-level", paramLabel = "LEVEL",
      description = "Findings below this level (error, warning, hint) are shown as information (default: the "
          + "configuration's, else warning).")
  String failLevel;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file for every document (default: lockstep.toml or .lockstep.yaml in the "
          + "document's folder or a parent folder).")
  Path configFile;

  @Option(names = "--debounce", paramLabel = "MILLIS",
      description = "Lint a document once it is unchanged for this long (default: " + ServerOptions.DEFAULT_DEBOUNCE_MILLIS + ").")
  long debounceMillis = ServerOptions.DEFAULT_DEBOUNCE_MILLIS;

  @Option(names = "--stdio", description = "Talk over standard input and output (the only transport; accepted for clients that pass it).")
  boolean stdio;

  @Override
  public Integer call() {
    // Standard output carries the protocol: anything else printed there would corrupt it.
    PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    System.setOut(System.err);
    return LanguageServerSession.serve(new FileInputStream(FileDescriptor.in), protocolOut,
        new ServerOptions(pgVersion, failLevel, configFile, Math.max(0, debounceMillis)));
  }
}
