package dev.lockstep.trace;

import dev.lockstep.engine.LockMode;
import dev.lockstep.parse.Statement;
import java.util.List;
import java.util.Map;

/**
 * What one statement of a migration did on the server.
 *
 * @param locks       the locks it acquired: relation name to the strongest mode
 * @param heldMillis  from the statement's start until its transaction ended (the locks' lifetime)
 * @param sampled     the statement ran outside a transaction block (CONCURRENTLY, VACUUM): its locks
 *                    were sampled from another session while it ran, and may miss short ones
 * @param blocksReads  a plain SELECT of a table it locked waited, from another session
 * @param blocksWrites an UPDATE of a table it locked waited, from another session
 */
public record StatementTrace(Statement statement, Map<String, LockMode> locks, long heldMillis, List<String> rewritten,
                             List<String> scanned, List<String> blocksReads, List<String> blocksWrites,
                             boolean sampled) {}
