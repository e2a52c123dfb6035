package io.podblueprint.config;

import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * An informer that stops with an error after it has synced will not watch again, and the operator
 * would go on without seeing changes. JOSDK's default then ends the process so that Kubernetes
 * restarts it; the Quarkus extension installs no handler unless one is provided, so this restores
 * that behaviour. The exit runs on its own thread, as in {@link LeaseLoss}.
 *
 * <p>{@code @Unremovable}: the extension looks the handler up programmatically, which is not an
 * injection point, so without it ArC removed this bean as unused and no handler was installed.
 */
public class InformerFailure {
  private static final Logger LOG = Logger.getLogger(InformerFailure.class);

  @Produces
  @Singleton
  @Unremovable
  InformerStoppedHandler exitOnInformerFailure() {
    return (informer, error) -> {
      if (error == null || !informer.hasSynced()) {
        return; // a normal stop, or a start-up failure the operator already reports
      }
      LOG.errorf(error, "an informer stopped with an error and will not watch again; exiting");
      Thread exit = new Thread(() -> System.exit(1), "informer-failure-exit");
      exit.setDaemon(true);
      exit.start();
    };
  }
}
