package io.podblueprint.config;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps a leader that was paused (SIGSTOP, a frozen VM, a long stop-the-world pause) from writing
 * after a standby may have taken its Lease. A heartbeat thread ticks every {@link #TICK}; every
 * write first checks that the last tick is recent. After a pause the last tick is old, so writes
 * are refused until the heartbeat thread runs, sees the gap and halts the process (the Deployment
 * restarts it as a standby). The leader elector alone cannot do this: on resuming, reconcile
 * threads run at once, before it tries to renew and learns that the Lease is lost.
 *
 * <p>The allowed gap is the lease duration minus the renew deadline (5 s by default): a leader that
 * last renewed within the renew deadline still holds the Lease for at least that long. Off (every
 * check passes) unless leader election is on.
 */
public final class WriteFence {
  static final Duration TICK = Duration.ofMillis(200);
  private static final Logger LOG = Logger.getLogger(WriteFence.class);
  private static volatile long maxGapNanos = Long.MAX_VALUE;
  private static volatile long lastTick = System.nanoTime();

  private WriteFence() {}

  /** Starts the heartbeat; called once when leader election is configured. */
  static synchronized void start(Duration maxGap) {
    if (maxGapNanos != Long.MAX_VALUE) {
      return;
    }
    lastTick = System.nanoTime();
    maxGapNanos = maxGap.toNanos();
    Thread heartbeat = new Thread(WriteFence::beat, "write-fence");
    heartbeat.setDaemon(true);
    heartbeat.start();
  }

  private static void beat() {
    while (true) {
      long now = System.nanoTime();
      if (now - lastTick > maxGapNanos) {
        LOG.errorf(
            "this process was paused for %d ms, long enough for a standby to take the Lease;"
                + " halting without another write",
            (now - lastTick) / 1_000_000);
        Runtime.getRuntime().halt(1);
      }
      lastTick = now;
      try {
        Thread.sleep(TICK.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Throws instead of letting a write through when the process may have lost its Lease. */
  public static void check() {
    if (System.nanoTime() - lastTick > maxGapNanos) {
      throw new IllegalStateException(
          "refusing to write: this process was paused and may no longer hold the Lease");
    }
  }
}
