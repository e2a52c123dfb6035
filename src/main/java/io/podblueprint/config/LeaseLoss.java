package io.podblueprint.config;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Ends the process when this replica loses the Lease while running, so two replicas never reconcile
 * at once; a shutdown that gives the Lease up on purpose is left alone.
 *
 * <p>JOSDK 5.2.1's own exit-on-stop-leading calls System.exit on the thread that cancels the
 * election, which on SIGTERM is the shutdown itself: the process then waits for itself forever
 * (java-operator-sdk#3376) until the kubelet kills it. Here the exit runs on its own daemon thread,
 * and not at all once the shutdown has begun.
 */
@Singleton
public class LeaseLoss {
  private static final Logger LOG = Logger.getLogger(LeaseLoss.class);
  private volatile boolean shuttingDown;

  void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    shuttingDown = true;
  }

  void stoppedLeading() {
    if (shuttingDown) {
      return;
    }
    LOG.error("lost the leader Lease; exiting so that only one replica reconciles");
    Thread exit = new Thread(() -> System.exit(1), "lease-lost-exit");
    exit.setDaemon(true);
    exit.start();
  }
}
