package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs and CronJobs whose pods really run (and really fail) on the real node. */
@Tag("node")
class JobsOnNodeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(150);

  @RegisterExtension static final TestNamespace ns = TestNamespace.onRealNode("node-jobs");

  static String job(String name, String options, String command) {
    return Blueprints.named(name)
        .workload("Job")
        .spec("job: {" + options + "}")
        .podSpec("restartPolicy: Never")
        .containers("- {name: work, image: busybox:1.36, command: " + command + "}")
        .yaml();
  }

  Job job(String name) {
    return KwokCluster.client().batch().v1().jobs().inNamespace(ns.name()).withName(name).get();
  }

  @Test
  void aJobWithCompletionsAndParallelismCompletes() {
    RealNode.apply(
        ns.name(),
        job("batch", "completions: 3, parallelism: 2", "[sh, -c, 'echo done by $HOSTNAME']"));
    PodBlueprint done =
        ClusterTests.awaitCondition(ns.name(), "batch", ConditionTypes.COMPLETE, "True", TIMEOUT);
    assertThat(done.getStatus().phase).isEqualTo("Succeeded");
    assertThat(job("batch").getStatus().getSucceeded()).isEqualTo(3);
    assertThat(RealNode.pods(ns.name(), "batch"))
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(RealNode.NAME))
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
    assertThat(RealNode.containerStatuses(ns.name(), "batch"))
        .allSatisfy(
            c -> {
              assertThat(c.getState().getTerminated().getReason()).isEqualTo("Completed");
              assertThat(c.getState().getTerminated().getExitCode()).isZero();
            });
  }

  @Test
  void aFailingJobEndsBackoffLimitExceeded() {
    RealNode.apply(ns.name(), job("failing", "backoffLimit: 1", "[sh, -c, 'exit 3']"));
    PodBlueprint failed =
        ClusterTests.awaitCondition(ns.name(), "failing", ConditionTypes.FAILED, "True", TIMEOUT);
    var jobFailed =
        job("failing").getStatus().getConditions().stream()
            .filter(c -> "Failed".equals(c.getType()))
            .findFirst()
            .orElseThrow();
    assertThat(jobFailed.getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(ClusterTests.condition(failed, ConditionTypes.FAILED).orElseThrow().getReason())
        .isEqualTo(jobFailed.getReason());
    assertThat(RealNode.containerStatuses(ns.name(), "failing"))
        .hasSize(2)
        .extracting(ContainerStatus::getState)
        .allSatisfy(
            s -> {
              assertThat(s.getTerminated().getReason()).isEqualTo("Error");
              assertThat(s.getTerminated().getExitCode()).isEqualTo(3);
            });
  }

  @Test
  void aCronJobRunsAJobOnTheNode() {
    RealNode.apply(
        ns.name(),
        Blueprints.named("tick")
            .workload("CronJob")
            .spec("cronJob: {schedule: \"* * * * *\"}")
            .podSpec("restartPolicy: OnFailure")
            .containers("- {name: tick, image: busybox:1.36, command: [date]}")
            .yaml());
    // "* * * * *": the first run is due at the next minute boundary.
    RealNode.awaitContainer(
        ns.name(),
        "tick",
        c ->
            c.getState().getTerminated() != null
                && "Completed".equals(c.getState().getTerminated().getReason()),
        TIMEOUT);
    ClusterTests.awaitBlueprint(
        ns.name(),
        "tick",
        "Ready saying \"last run tick-\"",
        bp ->
            ClusterTests.condition(bp, ConditionTypes.READY)
                .map(c -> c.getMessage().contains("last run tick-"))
                .orElse(false),
        TIMEOUT);
    assertThat(RealNode.pods(ns.name(), "tick"))
        .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(RealNode.NAME));
  }
}
