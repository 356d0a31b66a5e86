package dev.lockstep.config;

/** A config file that cannot be used: "file:line: problem" in one line. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
