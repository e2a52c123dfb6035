package io.podblueprint.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.podblueprint.monitoring.LeaderGauge;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jboss.logging.Logger;

/**
 * The leader election JOSDK runs when the active profile asks for it (prod): the replica holding
 * the Lease reconciles; the others keep their informers warm and wait. A leader that cannot renew
 * exits (LeaseLoss), and a leader that was paused writes nothing before it halts (WriteFence), so
 * it never reconciles beside the next one. A leader that shuts down gives the Lease up
 * (LeaseRelease), so a standby takes over at once.
 */
public class LeaderElectionProducer {
  private static final Logger LOG = Logger.getLogger(LeaderElectionProducer.class);

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(
      LeaderElectionSettings settings,
      LeaderGauge gauge,
      LeaseLoss leaseLoss,
      LeaseRelease leaseRelease) {
    String identity = settings.identity().orElseGet(LeaderElectionProducer::hostAndPid);
    gauge.electionEnabled();
    leaseRelease.holds(settings.leaseNamespace().orElse(null), settings.leaseName(), identity);
    WriteFence.start(settings.leaseDuration().minus(settings.renewDeadline()));
    LOG.infof(
        "leader election on: Lease %s/%s, identity %s, lease %s, renew deadline %s, retry %s",
        settings.leaseNamespace().orElse("<client namespace>"),
        settings.leaseName(),
        identity,
        settings.leaseDuration(),
        settings.renewDeadline(),
        settings.retryPeriod());
    return new LeaderElectionConfiguration(
        settings.leaseName(),
        settings.leaseNamespace().orElse(null),
        settings.leaseDuration(),
        settings.renewDeadline(),
        settings.retryPeriod(),
        identity,
        new LeaderCallbacks(
            gauge::startedLeading,
            () -> {
              gauge.stoppedLeading();
              leaseLoss.stoppedLeading();
            },
            leader -> {}),
        false); // LeaseLoss exits instead of JOSDK, which would hang a SIGTERM shutdown
  }

  /** Unique per process even when two replicas share a host (local runs, tests). */
  static String hostAndPid() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + ProcessHandle.current().pid();
  }
}
