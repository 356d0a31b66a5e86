package dev.lockstep.cli;

import dev.lockstep.config.ConfigException;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.Language;
import dev.lockstep.i18n.LanguageChoice;
import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;
import dev.lockstep.pg.SecretMask;
import dev.lockstep.report.Escapes;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Static safety linter for PostgreSQL migrations: finds statements that lock or rewrite "
        + "tables and shows the safe rewrite.",
    footerHeading = "%nExamples:%n",
    footer = {"  lockstep lint migrations/", "  lockstep lint --format json db/V42__add_index.sql",
        "  cat migration.sql | lockstep lint - --stdin-filename migration.sql", "  lockstep explain require-concurrent-index"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no findings at or above --fail-level", "1:findings at or above --fail-level",
        "2:usage error, unreadable input, or a statement PostgreSQL cannot parse"})
public final class Main implements Runnable {
  public static final int EXIT_USAGE = 2;
  /** The commands, in the order help lists them. */
  private static final Map<String, Class<?>> COMMANDS = commands();
  /** PostgreSQL's parser recurses deeply on nested input; give it room instead of the default stack. */
  private static final long STACK_BYTES = 512L << 20;
  private static final String WASM_DIGEST = "com.dylibso.chicory.wasm.Parser.DIGEST_ALGORITHM";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--lang", paramLabel = "LANG", scope = CommandLine.ScopeType.INHERIT,
      descriptionKey = "lang",
      description = "Language of messages, rule docs and help: en, es or pt (Brazilian Portuguese). "
          + "Default: lang in the configuration, then LOCKSTEP_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG).")
  String lang;

  /** Whether the note about an unavailable language was printed in this run. */
  boolean languageNoted;

  /** The run's language once the command has read the configuration (see {@link Languages}), else null. */
  Catalog catalog;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw Usage.error(spec.commandLine(), Text.of("a command is required"));
  }

  public static void main(String[] args) {
    // Chicory hashes every wasm module it reads, for caches lockstep does not use: hashing the
    // parser's module loaded the security providers on every start (about 20 ms of a cold lint).
    if (System.getProperty(WASM_DIGEST) == null) System.setProperty(WASM_DIGEST, "none");
    int[] code = {EXIT_USAGE};
    Thread worker = new Thread(null, () -> code[0] = run(args, System.out, System.err), "lockstep", STACK_BYTES);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(code[0]);
  }

  /** Runs the command line; returns the exit code. Tests call this directly. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    SecretMask.routeDriverLogging(err); // the JDBC driver's warnings, masked
    // picocli builds a command's model by reflection: a run builds only the command it runs, and
    // all of them only when none is named (help, or a mistyped command that gets a suggestion).
    CommandLine cli = commandLine(args.length > 0 ? COMMANDS.get(args[0]) : null);
    java.util.Optional<Language> early = helpLanguage(args);
    early.ifPresent(language -> cli.setResourceBundle(
        java.util.ResourceBundle.getBundle("dev.lockstep.cli.Help", java.util.Locale.forLanguageTag(language.code()))));
    cli.setOut(o).setErr(e)
        .setExitCodeExceptionMapper(x -> EXIT_USAGE)
        .setParameterExceptionHandler((ex, a) -> {
          Catalog catalog = errorCatalog(ex.getCommandLine(), ex.getCause(), early);
          Text picocli = PicocliMessages.of(ex.getMessage());
          String message = ex.getCause() instanceof TextException t ? t.text().in(catalog)
              : picocli != null ? picocli.in(catalog) : ex.getMessage();
          ex.getCommandLine().getErr().println("lockstep: " + Escapes.text(SecretMask.mask(message)));
          String help = "lockstep " + (ex.getCommandLine() == cli(ex) ? "" : ex.getCommandLine().getCommandName() + " ") + "--help";
          ex.getCommandLine().getErr().println(catalog.format("Try '%s' for more information.", help));
          return EXIT_USAGE;
        })
        .setExecutionExceptionHandler((ex, c, p) -> {
          Catalog catalog = errorCatalog(c, ex, early);
          if (ex instanceof CommandFailure failure) {
            c.getErr().println("lockstep: " + Escapes.text(SecretMask.mask(failure.text().in(catalog))));
          } else if (ex instanceof java.io.IOException io) {
            // a file the command had to read or write: what and why, not a Java exception
            c.getErr().println("lockstep: " + Escapes.text(SecretMask.mask(describe(io).in(catalog))));
          } else {
            c.getErr().println("lockstep: " + Escapes.text(SecretMask.mask(
                catalog.format("internal error: %s", String.valueOf(ex)))));
          }
          return EXIT_USAGE;
        });
    int code = cli.execute(args);
    o.flush();
    e.flush();
    return code;
  }

  /**
   * The language of an error: the run's, once the command has read the configuration; for an error
   * in the configuration itself, its own {@code lang} where it could be read; before that (a bad
   * option, a configuration that does not parse), --lang, LOCKSTEP_LANG and the locale, else English.
   */
  private static Catalog errorCatalog(CommandLine where, Throwable cause, java.util.Optional<Language> early) {
    CommandLine root = where;
    while (root.getParent() != null) root = root.getParent();
    Main main = root.getCommand() instanceof Main m ? m : null;
    if (cause instanceof ConfigException c && c.configuredLang() != null) {
      return Catalog.of(LanguageChoice.resolve(main == null ? null : main.lang, c.configuredLang(), System.getenv()).language());
    }
    if (main != null && main.catalog != null) return main.catalog;
    return Catalog.of(early.orElse(Language.EN));
  }

  /**
   * The language of the help and of picocli's own messages, when it is not English: --lang on the
   * command line, else LOCKSTEP_LANG and the locale (a configuration's lang applies once a command
   * has read it; the help is printed before that).
   */
  private static java.util.Optional<Language> helpLanguage(String[] args) {
    String flag = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) break;
      if (args[i].equals("--lang") && i + 1 < args.length) flag = args[i + 1];
      else if (args[i].startsWith("--lang=")) flag = args[i].substring("--lang=".length());
    }
    var language = dev.lockstep.i18n.LanguageChoice.resolve(flag, null, System.getenv()).language();
    return language == dev.lockstep.i18n.Language.EN ? java.util.Optional.empty() : java.util.Optional.of(language);
  }

  /** The command line with the model of one command, or of all of them when {@code only} is null. */
  static CommandLine commandLine(Class<?> only) {
    CommandLine cli = new CommandLine(new Main());
    for (var command : COMMANDS.entrySet()) {
      if (only == null || only == command.getValue()) cli.addSubcommand(command.getKey(), command.getValue());
    }
    return cli;
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (Class<?> c : List.of(LintCommand.class, FixCommand.class, TraceCommand.class, PreflightCommand.class,
        StatsCommand.class, BaselineCommand.class, RulesCommand.class, ExplainCommand.class, InitCommand.class,
        LspCommand.class, CompletionCommand.class)) {
      out.put(c.getAnnotation(Command.class).name(), c);
    }
    return out;
  }

  /** "path: no such file or directory", "path: permission denied", or the exception's own words. */
  static Text describe(java.io.IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
      Text reason = e instanceof java.nio.file.NoSuchFileException ? Text.of("no such file or directory")
          : e instanceof java.nio.file.AccessDeniedException ? Text.of("permission denied")
          : e instanceof java.nio.file.FileAlreadyExistsException ? Text.of("already exists")
          : e instanceof java.nio.file.NotDirectoryException ? Text.of("not a folder")
          : Text.of("%s", f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
      return Text.of("%s: %s", f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : ""), reason);
    }
    return Text.of("%s", e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
  }

  private static CommandLine cli(CommandLine.ParameterException ex) {
    CommandLine c = ex.getCommandLine();
    while (c.getParent() != null) c = c.getParent();
    return c;
  }
}
