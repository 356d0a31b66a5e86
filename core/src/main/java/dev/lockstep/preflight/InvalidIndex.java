package dev.lockstep.preflight;

import dev.lockstep.engine.Severity;
import java.util.List;

/**
 * An index PostgreSQL marks INVALID, or one still being built.
 *
 * @param index the index, schema-qualified and quoted as SQL needs it
 * @param table its table, likewise
 * @param bytes its size from the planner's statistics
 * @param build for {@link State#BUILD_IN_PROGRESS}: "CREATE INDEX CONCURRENTLY by pid 4242: waiting for writers before build"
 * @param remediation the statements that remove and rebuild it, one per element (empty while a build runs)
 */
public record InvalidIndex(String index, String table, String definition, long bytes, State state, String build,
                           Severity severity, List<String> remediation) {
  public InvalidIndex {
    remediation = List.copyOf(remediation);
  }

  public enum State {
    /** Left behind by a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY: nobody is building it. */
    INVALID("invalid"),
    /** A concurrent build is running (pg_stat_progress_create_index): not garbage, wait for it. */
    BUILD_IN_PROGRESS("build-in-progress"),
    /** Invalid, but builds of other roles are hidden from this role: it may be one of them. */
    UNKNOWN("unknown");

    private final String id;

    State(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }
}
