package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator processes in the prod profile (leader election on, the Deployment's default timing:
 * lease 15 s, renew deadline 10 s, retry 2 s) against one namespace: only the Lease holder
 * reconciles; when it dies the other takes over within the Lease timing; a leader that loses the
 * Lease exits; a graceful stop ends promptly and gives the Lease up.
 */
@Tag("cluster")
class LeaderElectionOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String LEASE = "podblueprint-operator-lease";
  static final String RECONCILES = "operator_sdk_controllers_execution_reconcile_seconds_count";
  @RegisterExtension // only the two replicas below may reconcile
  static final TestNamespace ns = TestNamespace.withSharedOperatorStopped("leader");
  static final KubernetesClient client = ClusterTests.client();

  final List<OperatorProcess> started = new java.util.ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(OperatorProcess::kill);
  }

  OperatorProcess replica(String identity, int portOffset) {
    OperatorProcess replica =
        OperatorProcess.start(
            KwokCluster.SHARED_OPERATOR_PORT + portOffset,
            Map.of("POD_NAMESPACE", ns.name(), "POD_NAME", identity, "WATCH_NAMESPACES", ns.name()),
            List.of("-Dquarkus.profile=prod"));
    started.add(replica);
    return replica;
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverWithinTheLeaseTiming() throws Exception {
    OperatorProcess a = replica("replica-a", 100);
    awaitHolder("replica-a", WAIT);
    OperatorProcess b = replica("replica-b", 200);
    assertThat(b.get("/q/health/ready"))
        .as("a standby is ready: its informers watch")
        .isEqualTo(200);
    assertThat(b.get("/q/health/live")).isEqualTo(200);
    assertThat(leader(a)).isEqualTo(1.0);
    assertThat(leader(b)).isEqualTo(0.0);

    ClusterTests.apply(ns.name(), ClusterTests.sample("webapp-deployment.yaml"));
    ClusterTests.awaitCondition(ns.name(), "webapp", ConditionTypes.READY, "True", WAIT);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(reconciles(a)).as("the leader's reconciles").isPositive());
    // A quiet window, not a wait: that the standby never reconciles can only be shown over time,
    // so its count must stay at zero for 5 s while the roll-out's last events reach both replicas.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(reconciles(b))
                    .as("the standby's reconciles: it writes nothing")
                    .isZero());
    assertThat(scrape(b).sum("operator_sdk_reconciliations_started_total", Map.of())).isZero();

    long killed = System.nanoTime();
    a.kill();
    awaitHolder("replica-b", Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(10)).until(() -> leader(b) == 1.0);
    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf(
        "leader election: the standby took over %d ms after SIGKILL%n", takeover.toMillis());
    assertThat(takeover).as("takeover after the leader died").isLessThan(Duration.ofSeconds(30));

    ClusterTests.apply(ns.name(), ClusterTests.sample("nginx-pod.yaml"));
    ClusterTests.awaitCondition(ns.name(), "nginx", ConditionTypes.READY, "True", WAIT);
    // The status is written inside the reconcile; JOSDK's timer counts it when the reconcile
    // returns, a moment after the condition is visible.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(reconciles(b)).as("the new leader's reconciles").isPositive());
  }

  @Test
  void aLeaderThatLosesTheLeaseExitsAndAGracefulStopEndsPromptly() throws Exception {
    OperatorProcess a = replica("replica-c", 100);
    awaitHolder("replica-c", Duration.ofSeconds(60)); // an earlier test's Lease expires first
    OperatorProcess b = replica("replica-d", 200);

    // Someone else holds the Lease now (as after a network partition): replica-c cannot renew,
    // so within its renew deadline it stops leading and exits rather than reconcile beside them.
    // The edit races replica-c's renewals (every 2 s): retry on 409 Conflict as a client would.
    ClusterTests.retryOnConflict(
        () ->
            client
                .resources(Lease.class)
                .inNamespace(ns.name())
                .withName(LEASE)
                .edit(
                    lease -> {
                      lease.getSpec().setHolderIdentity("intruder");
                      lease.getSpec().setAcquireTime(ZonedDateTime.now());
                      lease.getSpec().setRenewTime(ZonedDateTime.now());
                      return lease;
                    }));
    assertThat(a.awaitExit(Duration.ofSeconds(30)))
        .as("exit code after losing the Lease")
        .isEqualTo(1);
    awaitHolder("replica-d", Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(10)).until(() -> leader(b) == 1.0);

    // SIGTERM to the leader: it ends within seconds (JOSDK's own exit would hang here).
    long stopping = System.nanoTime();
    b.stop(Duration.ofSeconds(20));
    System.out.printf(
        "leader election: a SIGTERM stopped the leader in %d ms%n",
        Duration.ofNanos(System.nanoTime() - stopping).toMillis());
    // It gave the Lease up on its way out (LeaseRelease): a standby need not wait 15 s for it.
    Lease released = client.resources(Lease.class).inNamespace(ns.name()).withName(LEASE).get();
    assertThat(released.getSpec().getHolderIdentity()).as("holder after SIGTERM").isNullOrEmpty();
    assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
  }

  void awaitHolder(String identity, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.resources(Lease.class).inNamespace(ns.name()).withName(LEASE).get(),
            lease -> lease != null && identity.equals(lease.getSpec().getHolderIdentity()));
  }

  static PrometheusScrape scrape(OperatorProcess operator) throws Exception {
    return new PrometheusScrape(operator.body("/q/metrics"));
  }

  static double leader(OperatorProcess operator) throws Exception {
    return scrape(operator).sum("podblueprint_leader", Map.of());
  }

  static double reconciles(OperatorProcess operator) throws Exception {
    return scrape(operator).sum(RECONCILES, Map.of("controller", "podblueprint"));
  }
}
