package dev.lockstep;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for linting: PostgreSQL's parser recurses deeply on nested input, so they get a large stack. */
final class LintThreads {
  private static final long STACK_BYTES = 512L << 20;
  private static final AtomicInteger COUNT = new AtomicInteger();

  static final ThreadFactory FACTORY = r -> {
    Thread t = new Thread(null, r, "lockstep-lint-" + COUNT.incrementAndGet(), STACK_BYTES);
    t.setDaemon(true);
    return t;
  };

  private LintThreads() {}
}
