package dev.lockstep.cli.lsp;

import java.nio.file.Path;

/**
 * What the command line sets for the whole session; null means "as the workspace's configuration says".
 *
 * @param debounceMillis how long a document must stay unchanged before it is linted
 */
public record ServerOptions(Integer pgVersion, String failLevel, Path configFile, long debounceMillis) {
  public static final long DEFAULT_DEBOUNCE_MILLIS = 25;

  public static ServerOptions defaults() {
    return new ServerOptions(null, null, null, DEFAULT_DEBOUNCE_MILLIS);
  }
}
