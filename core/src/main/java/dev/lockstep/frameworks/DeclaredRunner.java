package dev.lockstep.frameworks;

import java.util.Locale;

/**
 * What lockstep.toml's [frameworks] says about the files of a path glob: a known tool, or an
 * in-house runner described by its transaction model.
 *
 * @param glob the glob, as written, relative to the configuration file's folder
 * @param framework the tool, {@link Framework#CUSTOM} for an in-house runner
 * @param transaction how an in-house runner wraps its migrations; null for a known tool
 * @param optOut the line by which a file of an in-house runner runs without its transaction, or null
 */
public record DeclaredRunner(String glob, Framework framework, Transaction transaction, String optOut) {
  /** An in-house runner's transaction model. */
  public enum Transaction {
    /** Each migration file in its own transaction. */
    PER_FILE,
    /** Every pending migration in one transaction. */
    PER_RUN,
    /** The file is sent in one call: several statements form one implicit transaction. */
    ONE_CALL,
    /** Statement by statement, no transaction. */
    NONE;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Transaction fromId(String id) {
      for (Transaction t : values()) if (t.id().equals(id)) return t;
      throw new IllegalArgumentException("unknown transaction model '" + id + "'");
    }
  }

  public static DeclaredRunner tool(String glob, Framework framework) {
    return new DeclaredRunner(glob, framework, null, null);
  }
}
