package dev.lockstep.cli;

import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.LanguageChoice;
import picocli.CommandLine;

/** The run's language: --lang (an option of every command), the configuration's lang, LOCKSTEP_LANG, the locale. */
final class Languages {
  private Languages() {}

  /** The catalogue to speak in; prints the one-line note when the language asked for is not available. */
  static Catalog choose(CommandLine.Model.CommandSpec spec, String configured) {
    Main main = (Main) spec.root().userObject();
    LanguageChoice choice = LanguageChoice.resolve(main.lang, configured, System.getenv());
    if (choice.note() != null && !main.languageNoted) {
      main.languageNoted = true;
      spec.commandLine().getErr().println(choice.note());
    }
    main.catalog = Catalog.of(choice.language());
    return main.catalog;
  }
}
