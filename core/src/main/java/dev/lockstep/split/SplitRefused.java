package dev.lockstep.split;

/** A migration lockstep cannot split in its tool's form, with the reason for the user. */
public final class SplitRefused extends Exception {
  public SplitRefused(String reason) {
    super(reason);
  }
}
