package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Job completes; a CronJob creates Jobs on schedule and its blueprint sees them. */
@Tag("cluster")
class JobsOnClusterTest {

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("jobs");
  static final KubernetesClient client = ClusterTests.client();

  @Test
  void aJobCompletes() throws Exception {
    ClusterTests.apply(ns.name(), ClusterTests.sample("pi-job.yaml"));
    PodBlueprint done =
        ClusterTests.awaitCondition(
            ns.name(), "pi", ConditionTypes.COMPLETE, "True", Duration.ofSeconds(90));
    assertThat(done.getStatus().phase).isEqualTo("Succeeded");
    assertThat(ClusterTests.condition(done, ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("JobComplete");
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(ns.name())
                .withName("pi")
                .get()
                .getStatus()
                .getSucceeded())
        .isEqualTo(1);
  }

  @Test
  void aCronJobCreatesJobsOnSchedule() throws Exception {
    ClusterTests.apply(ns.name(), ClusterTests.sample("hello-cronjob.yaml"));
    ClusterTests.awaitCondition(
        ns.name(), "hello", ConditionTypes.READY, "True", Duration.ofSeconds(60));
    // "* * * * *": the first run is due at the next minute boundary.
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                ClusterTests.condition(ClusterTests.get(ns.name(), "hello"), ConditionTypes.READY)
                    .map(c -> c.getMessage().contains("last run hello-"))
                    .orElse(false));
    var jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ns.name())
            .withLabel("podblueprint.io/name", "hello");
    assertThat(jobs.list().getItems())
        .isNotEmpty()
        .allSatisfy(
            j ->
                assertThat(j.getMetadata().getOwnerReferences().get(0).getKind())
                    .isEqualTo("CronJob"));
  }
}
