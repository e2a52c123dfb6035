package io.podblueprint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The Lease that lets one of several operator replicas reconcile while the others wait. Used only
 * in the profiles listed in quarkus.operator-sdk.activate-leader-election-for-profiles (prod).
 */
@ConfigMapping(prefix = "podblueprint.leader-election")
public interface LeaderElectionSettings {
  /** The Lease's name; every replica of one installation must use the same. */
  @WithDefault("podblueprint-operator-lease")
  String leaseName();

  /** The Lease's namespace; unset: the client's namespace (in a pod, its own). */
  Optional<String> leaseNamespace();

  /** This replica's name in the Lease; unset: the host name and the process id. */
  Optional<String> identity();

  /** How long a Lease holds without renewal before a standby may take it. */
  @WithDefault("15s")
  Duration leaseDuration();

  /** How long the leader keeps trying to renew before it gives up leading (and exits). */
  @WithDefault("10s")
  Duration renewDeadline();

  /** How often a standby tries to acquire and the leader to renew. */
  @WithDefault("2s")
  Duration retryPeriod();
}
