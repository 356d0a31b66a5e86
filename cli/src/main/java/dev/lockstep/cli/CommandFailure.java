package dev.lockstep.cli;

/** A command cannot go on, for a reason the user can act on: printed as one "lockstep: ..." line, exit 2. */
final class CommandFailure extends RuntimeException {
  CommandFailure(String message) {
    super(message);
  }
}
