package dev.lockstep.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs work on the calling thread and interrupts it if it runs too long: the wasm parser checks the
 * interrupt and stops (the file is then reported as not fully checked).
 */
public final class Deadline {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lockstep-deadline");
    t.setDaemon(true);
    return t;
  });

  private Deadline() {}

  public static <T> T within(long millis, Supplier<T> work) {
    Thread worker = Thread.currentThread();
    ScheduledFuture<?> alarm = TIMER.schedule(worker::interrupt, millis, TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      alarm.cancel(false);
      Thread.interrupted(); // an alarm that fired just as the work ended must not reach the next file
    }
  }
}
