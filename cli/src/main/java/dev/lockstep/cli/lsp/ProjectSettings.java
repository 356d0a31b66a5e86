package dev.lockstep.cli.lsp;

import dev.lockstep.i18n.TextException;
import dev.lockstep.i18n.Text;
import dev.lockstep.ConfiguredLinter;
import dev.lockstep.config.Config;
import dev.lockstep.config.ConfigException;
import dev.lockstep.config.ConfigLoader;
import dev.lockstep.config.Settings;
import dev.lockstep.i18n.Catalog;
import dev.lockstep.i18n.LanguageChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the configuration a file is linted with, as `lint` does (lockstep.toml or .lockstep.yaml
 * in its folder or a parent, or the one given on the command line), and reads it again when its
 * modification time or size changed. Used on the lint thread only.
 */
final class ProjectSettings {
  private final ServerOptions options;
  private final Map<Path, Project> byConfig = new HashMap<>();
  private Project unconfigured;

  ProjectSettings(ServerOptions options) {
    this.options = options;
  }

  /** The project of a file; the same object as long as its configuration is unchanged. */
  Project forFile(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    Path config = options.configFile() != null ? options.configFile().toAbsolutePath()
        : ConfigLoader.discover(dir != null ? dir : Path.of(""));
    if (config == null) {
      if (unconfigured == null) unconfigured = load(null, "");
      return unconfigured;
    }
    String stamp = stamp(config);
    Project known = byConfig.get(config);
    if (known != null && known.stamp().equals(stamp)) return known;
    Project fresh = load(config, stamp);
    byConfig.put(config, fresh);
    return fresh;
  }

  /** Forgets every configuration read, so that the next lint reads them again. */
  void reloadAll() {
    byConfig.clear();
    unconfigured = null;
  }

  private Project load(Path configFile, String stamp) {
    try {
      Config config = Settings.loadConfig(configFile, Path.of(""));
      // lint's own linter and history, with the editor's overrides
      ConfiguredLinter configured = ConfiguredLinter.of(config, new Settings.Overrides(options.pgVersion(), false,
          List.of(), List.of(), null, options.failLevel(), false), null).withHistory(null, null, null);
      // the language of its messages: the configuration's lang, then LOCKSTEP_LANG and the locale, as lint chooses
      Catalog catalog = Catalog.of(LanguageChoice.resolve(null, config.lang(), System.getenv()).language());
      return new Project(configFile, stamp, configured.linter(), configured.paths(), configured.settings().failLevel(),
          null, catalog);
    } catch (ConfigException e) {
      // in the file's own lang where it could be read, else as LOCKSTEP_LANG and the locale say
      Catalog catalog = Catalog.of(LanguageChoice.resolve(null, e.configuredLang(), System.getenv()).language());
      return Project.broken(configFile, stamp, e.text(), catalog);
    } catch (IllegalArgumentException e) {
      Catalog catalog = Catalog.of(LanguageChoice.resolve(null, null, System.getenv()).language());
      return Project.broken(configFile, stamp, e instanceof TextException t ? t.text() : Text.of("%s", e.getMessage()), catalog);
    }
  }

  private static String stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.lastModifiedTime() + "/" + a.size();
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
