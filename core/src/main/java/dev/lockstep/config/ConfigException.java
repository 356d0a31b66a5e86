package dev.lockstep.config;

import dev.lockstep.i18n.Text;
import dev.lockstep.i18n.TextException;

/**
 * A configuration file that cannot be used: "file:line: problem". It carries the file's own
 * {@code lang} when the file could be parsed that far, so that the error is told in the language
 * the file asks for (--lang still comes first); null when it could not.
 */
public final class ConfigException extends TextException {
  private final String configuredLang;

  public ConfigException(Text text, String configuredLang) {
    super(text);
    this.configuredLang = configuredLang;
  }

  /** The configuration's {@code lang}, or null when it is not set or the file could not be parsed. */
  public String configuredLang() {
    return configuredLang;
  }
}
