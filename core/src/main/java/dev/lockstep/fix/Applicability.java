package dev.lockstep.fix;

/** How far a fix can be trusted; ordered so that a threshold applies every level at or above it. */
public enum Applicability {
  /** A rewrite a human must stage (e.g. across deploys): shown, never applied. */
  DISPLAY_ONLY,
  /** Usually right, but changes semantics or transaction shape: applied only when asked. */
  UNSAFE,
  /** Same end state, no behaviour change. */
  SAFE
}
