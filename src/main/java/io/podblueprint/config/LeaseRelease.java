package io.podblueprint.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.ZonedDateTime;
import org.jboss.logging.Logger;

/**
 * Gives the Lease up when a leading replica shuts down (SIGTERM: kubectl delete pod, a rolling
 * update, a drain), as client-go's ReleaseOnCancel does, so a standby takes over within its retry
 * period (2 s) instead of waiting for the Lease to expire (15 s). JOSDK 5.2.1 never releases it
 * (LeaderElectionManager builds its elector with releaseOnCancel false).
 *
 * <p>It runs after JOSDK has stopped the operator (its shutdown observer has the default priority,
 * this one a later one): no reconcile of this replica can still write. JOSDK closes the operator's
 * client when it stops, so the release uses a client of its own, made from the same configuration.
 * The update carries the Lease's resourceVersion, so it never overwrites a Lease that another
 * replica took meanwhile.
 */
@Singleton
public class LeaseRelease {
  private static final Logger LOG = Logger.getLogger(LeaseRelease.class);
  private final Config config;
  private volatile String namespace;
  private volatile String name;
  private volatile String identity;

  LeaseRelease(KubernetesClient client) {
    this.config = client.getConfiguration();
  }

  /** Called by the leader election's producer: the Lease this replica may hold, and its name. */
  void holds(String namespace, String name, String identity) {
    this.namespace = namespace != null ? namespace : config.getNamespace();
    this.name = name;
    this.identity = identity;
  }

  void onShutdown(
      @Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500) ShutdownEvent event) {
    if (identity == null || namespace == null) {
      return; // no leader election in this profile
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      release(client, namespace, name, identity);
    } catch (RuntimeException e) { // no client could be made: the Lease expires as before
      LOG.warnf(
          "could not release the Lease %s/%s on shutdown: %s", namespace, name, e.getMessage());
    }
  }

  /**
   * Empties the Lease's holder (duration 1 s) if identity holds it; returns whether it did. A Lease
   * held by another replica, gone, or changed since it was read is left alone.
   */
  static boolean release(KubernetesClient client, String namespace, String name, String identity) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return false;
      }
      lease.getSpec().setHolderIdentity("");
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(ZonedDateTime.now());
      client.resource(lease).update(); // with its resourceVersion: 409 if someone wrote since
      LOG.infof("released the Lease %s/%s on shutdown", namespace, name);
      return true;
    } catch (RuntimeException e) { // the API server's refusal or an I/O error: never fail shutdown
      LOG.warnf(
          "could not release the Lease %s/%s on shutdown: %s", namespace, name, e.getMessage());
      return false;
    }
  }
}
