package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once everything is settled, the operator makes no write at all (any resource: children, pods,
 * Events, blueprints, status) for a full minute, and none when a watch event wakes it up.
 */
@Tag("cluster")
class IdleOnClusterTest {
  static final Duration IDLE = Duration.ofSeconds(Long.getLong("idle.seconds", 60));

  @RegisterExtension
  static final TestNamespace namespace = TestNamespace.withSharedOperator("idle");

  static String ns;
  static OperatorWrites writes;

  @BeforeAll
  static void setUp() {
    ns = namespace.name();
    writes = OperatorWrites.in(ns);
  }

  @AfterAll
  static void tearDown() {
    writes.close();
  }

  /** A blueprint with cpu 0.5 and memory 1024Mi (stored as 500m and 1Gi); a CronJob never due. */
  static String uncanonical(String kind) {
    String schedule = kind.equals("CronJob") ? "  cronJob: {schedule: \"0 0 1 1 *\"}\n" : "";
    return """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: spelled-%s
        spec:
          workload: %s
        %s  template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  resources:
                    requests: {cpu: "0.5", memory: 1024Mi}
                    limits: {cpu: 1000m, memory: 1.5Gi}
        """
        .formatted(kind.toLowerCase(), kind, schedule);
  }

  @Test
  void anIdleOperatorWritesNothing() throws Exception {
    // No CronJob here: a run every minute is a real change the status must report.
    for (String sample : new String[] {"webapp-deployment.yaml", "nginx-pod.yaml", "pi-job.yaml"}) {
      ClusterTests.apply(ns, ClusterTests.sample(sample));
    }
    ClusterTests.awaitCondition(ns, "webapp", ConditionTypes.READY, "True", Duration.ofSeconds(90));
    ClusterTests.awaitCondition(ns, "nginx", ConditionTypes.READY, "True", Duration.ofSeconds(90));
    ClusterTests.awaitCondition(ns, "pi", ConditionTypes.COMPLETE, "True", Duration.ofSeconds(90));
    // Every kind again with quantities the API server stores in another spelling (issue 16).
    for (String kind : new String[] {"Pod", "Deployment", "Job", "CronJob"}) {
      ClusterTests.apply(ns, uncanonical(kind));
    }
    Duration wait = Duration.ofSeconds(90);
    ClusterTests.awaitCondition(ns, "spelled-pod", ConditionTypes.READY, "True", wait);
    ClusterTests.awaitCondition(ns, "spelled-deployment", ConditionTypes.READY, "True", wait);
    ClusterTests.awaitCondition(ns, "spelled-job", ConditionTypes.COMPLETE, "True", wait);
    ClusterTests.awaitCondition(ns, "spelled-cronjob", ConditionTypes.READY, "True", wait);
    long settled = writes.awaitNoWritesFor(Duration.ofSeconds(5));
    Map<String, Long> settledParts = writes.breakdown();
    assertThat(settled)
        .as("the counter sees the operator's writes (children, status, Events) of the roll-out")
        .isGreaterThanOrEqualTo(14);
    String before = ClusterTests.get(ns, "webapp").getMetadata().getResourceVersion();
    // The quiet window itself: idleness can only be shown over time. No sleep waits for anything
    // here; the wait above ended when the last writes of the roll-out were done.
    Thread.sleep(IDLE.toMillis());
    assertThat(writes.count() - settled)
        .as(
            () ->
                "the operator's writes of any resource over %s of idleness: %s, after the roll-out %s"
                    .formatted(IDLE, writes.breakdown(), settledParts))
        .isZero();
    assertThat(ClusterTests.get(ns, "webapp").getMetadata().getResourceVersion()).isEqualTo(before);

    // A watch event wakes each blueprint up with nothing to change: a label by someone else on
    // each child. The operator reconciles each of them and writes nothing (before issue 16 a
    // quantity in another spelling made it apply a child again). A label, not an annotation: the
    // API server bumps a Deployment's generation for an annotation (it is copied to the
    // ReplicaSet), and until the controller observes it the operator rightly reports it as
    // not yet observed (Ready=False for a moment, then True again: two real status writes).
    Map<String, String> statuses = statuses();
    double reconciles = reconciles();
    for (String kind : new String[] {"pod", "deployment", "job", "cronjob"}) {
      Kubectl.run("label", "-n", ns, kind, "spelled-" + kind, "example.com/touched=yes").orFail();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> reconciles() >= reconciles + 4);
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(writes.count() - settled)
                    .as(
                        () ->
                            "the operator's writes after a watch event that changes nothing: %s,"
                                    .formatted(writes.breakdown())
                                + " after the roll-out "
                                + settledParts
                                + "; statuses that changed: "
                                + changed(statuses, statuses()))
                    .isZero());
  }

  /** Each blueprint's status as YAML, by name. */
  static Map<String, String> statuses() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (var bp :
        KwokCluster.client()
            .resources(io.podblueprint.api.v1alpha1.PodBlueprint.class)
            .inNamespace(ns)
            .list()
            .getItems()) {
      out.put(
          bp.getMetadata().getName(),
          KwokCluster.client().getKubernetesSerialization().asYaml(bp.getStatus()));
    }
    return out;
  }

  static String changed(Map<String, String> before, Map<String, String> after) {
    StringBuilder out = new StringBuilder();
    after.forEach(
        (name, status) -> {
          if (!status.equals(before.get(name))) {
            out.append("\n").append(name).append(" before:\n").append(before.get(name));
            out.append(name).append(" after:\n").append(status);
          }
        });
    return out.length() == 0 ? "none" : out.toString();
  }

  /** How many reconciliations the shared operator has run (JOSDK's Micrometer timer). */
  static double reconciles() throws Exception {
    return new PrometheusScrape(KwokCluster.operator().body("/q/metrics"))
        .sum(MetricsOnClusterTest.RECONCILE + "_count", MetricsOnClusterTest.CONTROLLER);
  }
}
