package dev.lockstep.engine;

import dev.lockstep.parse.ParsedFile;
import dev.lockstep.parse.Statement;
import dev.lockstep.parse.ast.Node;
import dev.lockstep.parse.ast.SetKind;
import dev.lockstep.parse.ast.SetVariable;
import dev.lockstep.parse.ast.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When each statement of a file runs: in which transaction, with which session settings in force
 * (lock_timeout, statement_timeout, TimeZone, search_path), and which table locks the transaction
 * already holds (released at COMMIT or ROLLBACK).
 */
public final class Timeline {
  /** Who opened a transaction block: the file's BEGIN, the migration tool, or a DO block running as one statement. */
  public enum Opener { EXPLICIT, RUNNER, DO_BLOCK }

  /** A transaction block; {@code number} counts per opener (BEGINs from 1, runner regions and DO blocks by index). */
  public record TransactionId(Opener opener, int number) {}

  /** The settings in force when a statement starts, as written (lower case), or null when not set in the file. */
  public record Settings(String lockTimeout, String statementTimeout, String timeZone, String searchPath) {
    static final Settings NONE = new Settings(null, null, null, null);

    Settings with(String name, String value) {
      return switch (name) {
        case "lock_timeout" -> new Settings(value, statementTimeout, timeZone, searchPath);
        case "statement_timeout" -> new Settings(lockTimeout, value, timeZone, searchPath);
        case "timezone" -> new Settings(lockTimeout, statementTimeout, value, searchPath);
        case "search_path" -> new Settings(lockTimeout, statementTimeout, timeZone, value);
        default -> this;
      };
    }

    /** A local setting wins over the session's. */
    Settings over(Settings session) {
      return new Settings(lockTimeout != null ? lockTimeout : session.lockTimeout,
          statementTimeout != null ? statementTimeout : session.statementTimeout,
          timeZone != null ? timeZone : session.timeZone, searchPath != null ? searchPath : session.searchPath);
    }
  }

  /** A table lock taken by a statement and held until its transaction ends. */
  public record HeldLock(TableLocks.Locked lock, int statement, boolean onNewTable) {}

  private static final java.util.Set<String> TRACKED = java.util.Set.of("lock_timeout", "statement_timeout", "timezone",
      "search_path");

  private final TransactionId[] transaction;
  private final boolean[] explicitOpen;
  private final Settings[] settings;
  private final int unclosedBegin;
  private final Map<TransactionId, List<HeldLock>> held = new java.util.HashMap<>();
  /** ALTER TABLE statements by transaction and table: their lock is held until the transaction ends. */
  private final Map<TransactionId, Map<ObjectName, Integer>> altered = new java.util.HashMap<>();

  Timeline(ParsedFile file, TransactionPlan plan) {
    int[] wrapped = plan.wrappedTransactions(file);
    int n = file.statements().size();
    transaction = new TransactionId[n];
    explicitOpen = new boolean[n];
    settings = new Settings[n];
    TransactionId explicit = null;
    int nextTransaction = 1;
    int begin = -1;
    Settings session = Settings.NONE;
    Settings local = Settings.NONE; // SET LOCAL values, until the transaction ends
    for (Statement s : file.statements()) {
      int i = s.index();
      explicitOpen[i] = explicit != null;
      transaction[i] = explicit != null ? explicit
          : wrapped[i] >= 0 ? new TransactionId(Opener.RUNNER, wrapped[i]) : null;
      if (s.enclosingIndex() >= 0) { // a DO block runs as one statement: its contents share one transaction
        TransactionId outer = transaction[s.enclosingIndex()];
        transaction[i] = outer != null ? outer : new TransactionId(Opener.DO_BLOCK, s.enclosingIndex());
      }
      settings[i] = local.over(session);
      Node node = s.node();
      if (node instanceof Transaction t) {
        if (t.begins()) {
          explicit = new TransactionId(Opener.EXPLICIT, nextTransaction++);
          if (begin < 0) begin = i;
        }
        if (t.ends()) {
          explicit = null;
          local = Settings.NONE;
          begin = -1;
        }
      } else if (node instanceof SetVariable set && set.name() != null) {
        String name = set.name().toLowerCase(Locale.ROOT);
        if (TRACKED.contains(name)) {
          String value = set.setKind() == SetKind.SET_VALUE ? set.value() : null;
          if (value != null) value = value.toLowerCase(Locale.ROOT);
          if (set.local()) local = local.with(name, value);
          else session = session.with(name, value);
        }
      }
    }
    unclosedBegin = begin;
  }

  /** The transaction block the statement runs in, or empty when it runs on its own (autocommit). */
  public Optional<TransactionId> transaction(Statement statement) {
    return Optional.ofNullable(transaction[statement.index()]);
  }

  public boolean inTransaction(Statement statement) {
    return transaction[statement.index()] != null;
  }

  /** An explicit BEGIN earlier in the file is still open. */
  public boolean inExplicitBlock(Statement statement) {
    return explicitOpen[statement.index()];
  }

  /** Both statements run in one transaction block. */
  public boolean sameTransaction(Statement a, int otherIndex) {
    TransactionId t = transaction[a.index()];
    return t != null && t.equals(transaction[otherIndex]);
  }

  public Settings settings(Statement statement) {
    return settings[statement.index()];
  }

  /** The first BEGIN that the file never ends with COMMIT or ROLLBACK, or -1. */
  public int unclosedBegin() {
    return unclosedBegin;
  }

  /** The locks that earlier statements of this statement's transaction took, in order. */
  public List<HeldLock> locksHeld(Statement statement) {
    TransactionId t = transaction[statement.index()];
    return t == null ? List.of() : List.copyOf(held.getOrDefault(t, List.of()));
  }

  /** The first ALTER TABLE of {@code table} earlier in this statement's transaction. */
  public Optional<Integer> alteredEarlier(Statement statement, ObjectName table) {
    TransactionId t = transaction[statement.index()];
    return t == null ? Optional.empty() : Optional.ofNullable(altered.getOrDefault(t, Map.of()).get(table));
  }

  void altered(Statement statement, ObjectName table) {
    TransactionId t = transaction[statement.index()];
    if (t != null) altered.computeIfAbsent(t, k -> new java.util.HashMap<>()).putIfAbsent(table, statement.index());
  }

  /** Records the lock a statement took; the lint calls it after the rules have seen the statement. */
  void took(Statement statement, TableLocks.Locked lock, boolean onNewTable) {
    TransactionId t = transaction[statement.index()];
    if (t != null) held.computeIfAbsent(t, k -> new ArrayList<>()).add(new HeldLock(lock, statement.index(), onNewTable));
  }
}
