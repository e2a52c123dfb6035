package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A Job completes; a CronJob creates Jobs on schedule and its blueprint sees them. */
@Tag("cluster")
class JobsOnClusterTest {
  static KubernetesClient client;
  static String ns;

  @BeforeAll
  static void setUp() {
    KwokCluster.operator();
    client = KwokCluster.client();
    ns = KwokCluster.namespace("jobs");
  }

  @AfterAll
  static void tearDown() {
    KwokCluster.deleteNamespace(ns);
  }

  @Test
  void aJobCompletes() throws Exception {
    KwokCluster.apply(ns, KwokCluster.sample("pi-job.yaml"));
    PodBlueprint done =
        KwokCluster.awaitCondition(
            ns, "pi", ConditionTypes.COMPLETE, "True", Duration.ofSeconds(90));
    assertThat(done.getStatus().phase).isEqualTo("Succeeded");
    assertThat(KwokCluster.condition(done, ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("JobComplete");
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .withName("pi")
                .get()
                .getStatus()
                .getSucceeded())
        .isEqualTo(1);
  }

  @Test
  void aCronJobCreatesJobsOnSchedule() throws Exception {
    KwokCluster.apply(ns, KwokCluster.sample("hello-cronjob.yaml"));
    KwokCluster.awaitCondition(ns, "hello", ConditionTypes.READY, "True", Duration.ofSeconds(60));
    // "* * * * *": the first run is due at the next minute boundary.
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                KwokCluster.condition(KwokCluster.get(ns, "hello"), ConditionTypes.READY)
                    .map(c -> c.getMessage().contains("last run hello-"))
                    .orElse(false));
    var jobs =
        client.batch().v1().jobs().inNamespace(ns).withLabel("podblueprint.io/name", "hello");
    assertThat(jobs.list().getItems())
        .isNotEmpty()
        .allSatisfy(
            j ->
                assertThat(j.getMetadata().getOwnerReferences().get(0).getKind())
                    .isEqualTo("CronJob"));
  }
}
