package dev.lockstep.engine;

/**
 * Where a fact of the schema model came from: the statement that made it true, in the file being
 * linted or in an earlier migration of its history.
 *
 * @param path the migration file, as the user named it
 * @param line 1-based line of the statement
 * @param statement the statement's index in its file
 * @param earlierFile true when the fact comes from an earlier migration, not the file being linted
 * @param pending the earlier migration is not applied yet, so it runs in the same deploy as the linted file
 */
public record Origin(String path, int line, int statement, boolean earlierFile, boolean pending) {
  public Origin(String path, int line, int statement, boolean earlierFile) {
    this(path, line, statement, earlierFile, false);
  }

  /** "V1__accounts.sql" for an earlier migration, "line 3" for a statement of this file. */
  public String describe() {
    if (!earlierFile) return "line " + line;
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
