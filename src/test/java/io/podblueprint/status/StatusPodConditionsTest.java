package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.aggregate;
import static io.podblueprint.status.Fixtures.assertCondition;
import static io.podblueprint.status.Fixtures.condition;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.PodSummary;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bare Pod workload: the pod-level conditions, the phase, and status.pods. */
@Tag("unit")
class StatusPodConditionsTest {

  private static PodBlueprintStatus ofPod(Pod pod) {
    return aggregate(WorkloadKind.Pod, Fixtures.observe(pod, pod));
  }

  @Test
  void readyPodIsReady() {
    PodBlueprintStatus status = ofPod(Fixtures.readyPod("web"));

    assertCondition(status, ConditionTypes.POD_SCHEDULED, "True", Reasons.ALL_PODS_SCHEDULED);
    assertCondition(status, ConditionTypes.INITIALIZED, "True", Reasons.ALL_PODS_INITIALIZED);
    assertCondition(status, ConditionTypes.CONTAINERS_READY, "True", Reasons.ALL_CONTAINERS_READY);
    assertCondition(status, ConditionTypes.READY, "True", Reasons.POD_READY);
    assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
    assertThat(status.phase).isEqualTo(Phases.READY);
    assertThat(status.ready).isEqualTo("1/1");
    assertThat(status.reason).isNull();
    assertThat(status.workload.apiVersion()).isEqualTo("v1");
    assertThat(status.workload.kind()).isEqualTo("Pod");
    assertThat(status.workload.name()).isEqualTo("web");
    assertThat(status.conditions)
        .extracting(Condition::getType)
        .containsExactly(
            "PodScheduled", "Initialized", "ContainersReady", "Ready", "Reconciling", "Stalled");
  }

  @Test
  void unschedulablePodIsPendingWithTheSchedulersMessage() {
    PodBlueprintStatus status = ofPod(Fixtures.unschedulablePod("web", Fixtures.UNSCHEDULABLE));

    Condition scheduled =
        assertCondition(status, ConditionTypes.POD_SCHEDULED, "False", "Unschedulable");
    assertThat(scheduled.getMessage()).contains(Fixtures.UNSCHEDULABLE).contains("web");
    Condition ready = assertCondition(status, ConditionTypes.READY, "False", "Unschedulable");
    assertThat(ready.getMessage()).contains(Fixtures.UNSCHEDULABLE);
    assertCondition(status, ConditionTypes.RECONCILING, "True", "Unschedulable");
    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
    assertThat(status.phase).isEqualTo(Phases.PENDING);
    assertThat(status.reason).isEqualTo("Unschedulable");
    assertThat(status.ready).isEqualTo("0/1");
    assertThat(status.pods).singleElement().satisfies(p -> assertThat(p.node()).isNull());
  }

  static Stream<Arguments> failingContainers() {
    return Stream.of(
        Arguments.of("ImagePullBackOff", Fixtures.imagePullBackOffPod("web"), "example/app:1"),
        Arguments.of("CrashLoopBackOff", Fixtures.crashLoopPod("web"), "last exit code 1"),
        Arguments.of(
            "CreateContainerConfigError",
            Fixtures.configErrorPod("web"),
            "configmap \"settings\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failingContainers")
  void failingContainerStallsTheBlueprint(String reason, Pod pod, String detail) {
    PodBlueprintStatus status = ofPod(pod);

    assertCondition(status, ConditionTypes.POD_SCHEDULED, "True", Reasons.ALL_PODS_SCHEDULED);
    assertCondition(status, ConditionTypes.INITIALIZED, "True", Reasons.ALL_PODS_INITIALIZED);
    Condition containers =
        assertCondition(status, ConditionTypes.CONTAINERS_READY, "False", reason);
    assertThat(containers.getMessage()).contains("container app").contains(detail);
    Condition ready = assertCondition(status, ConditionTypes.READY, "False", reason);
    assertThat(ready.getMessage()).contains("container app").contains(detail);
    assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
    Condition stalled = assertCondition(status, ConditionTypes.STALLED, "True", reason);
    assertThat(stalled.getMessage()).contains("container app").contains(detail);
    assertThat(status.phase).isEqualTo(Phases.DEGRADED);
    assertThat(status.reason).isEqualTo(reason);
    assertThat(status.pods)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo(reason);
              assertThat(p.ready()).isFalse();
              assertThat(p.node()).isEqualTo(Fixtures.NODE);
            });
  }

  @Test
  void oomKilledContainerSaysSoWithItsExitCode() {
    PodBlueprintStatus status = ofPod(Fixtures.oomKilledPod("web"));

    Condition ready = assertCondition(status, ConditionTypes.READY, "False", "OOMKilled");
    assertThat(ready.getMessage())
        .contains("container app")
        .contains("exit code 137")
        .contains("CrashLoopBackOff");
    assertCondition(status, ConditionTypes.CONTAINERS_READY, "False", "OOMKilled");
    assertCondition(status, ConditionTypes.STALLED, "True", "OOMKilled");
    assertThat(status.phase).isEqualTo(Phases.DEGRADED);
    assertThat(status.pods).singleElement().satisfies(p -> assertThat(p.restarts()).isEqualTo(3));
  }

  @Test
  void anEvictedPodSaysWhyBeforeItsExitCode() {
    Pod evicted =
        new PodBuilder(Fixtures.failedPod("web", 137))
            .editStatus()
            .withReason("Evicted")
            .withMessage("The node was low on resource: memory.")
            .endStatus()
            .build();

    PodBlueprintStatus status = ofPod(evicted);

    Condition stalled = assertCondition(status, ConditionTypes.STALLED, "True", "Evicted");
    assertThat(stalled.getMessage())
        .isEqualTo(
            "The node was low on resource: memory.; container app exited with code 137 (Error)");
    assertThat(status.phase).isEqualTo(Phases.FAILED);
  }

  @Test
  void aContainerOomKilledJustNowSaysSoBeforeItRestarts() {
    PodBlueprintStatus status = ofPod(Fixtures.oomKilledNowPod("web"));

    Condition stalled = assertCondition(status, ConditionTypes.STALLED, "True", "OOMKilled");
    assertThat(stalled.getMessage())
        .isEqualTo("container app was OOMKilled (exit code 137); raise its memory limit");
    assertCondition(status, ConditionTypes.READY, "False", "OOMKilled");
  }

  @Test
  void failedPodStallsWithItsExitCode() {
    PodBlueprintStatus status = ofPod(Fixtures.failedPod("web", 3));

    Condition stalled = assertCondition(status, ConditionTypes.STALLED, "True", Reasons.POD_FAILED);
    assertThat(stalled.getMessage()).isEqualTo("container app exited with code 3 (Error)");
    Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.POD_FAILED);
    assertThat(ready.getMessage()).isEqualTo("container app exited with code 3 (Error)");
    assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
    assertThat(status.phase).isEqualTo(Phases.FAILED);
    assertThat(status.reason).isEqualTo(Reasons.POD_FAILED);
    assertThat(status.ready).isEqualTo("0/1");
  }

  @Test
  void succeededPodHasSucceededAndIsReady() {
    PodBlueprintStatus status = ofPod(Fixtures.succeededPod("web"));

    assertThat(status.phase).isEqualTo(Phases.SUCCEEDED);
    // Done as asked: Ready, so kstatus reads Current (see VerdictTableTest).
    assertCondition(status, ConditionTypes.READY, "True", Reasons.POD_COMPLETED);
    assertCondition(status, ConditionTypes.CONTAINERS_READY, "False", Reasons.POD_COMPLETED);
    assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
  }

  @Test
  void startingPodIsPendingAndReconciling() {
    PodBlueprintStatus status = ofPod(Fixtures.startingPod("web"));

    assertCondition(status, ConditionTypes.READY, "False", "ContainerCreating");
    assertCondition(status, ConditionTypes.RECONCILING, "True", "ContainerCreating");
    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
    assertThat(status.phase).isEqualTo(Phases.PENDING);
  }

  @Test
  void failingInitContainerKeepsThePodUninitialized() {
    PodBlueprintStatus status = ofPod(Fixtures.initCrashLoopPod("web"));

    Condition initialized =
        assertCondition(status, ConditionTypes.INITIALIZED, "False", "CrashLoopBackOff");
    assertThat(initialized.getMessage()).contains("init container migrate");
    assertCondition(status, ConditionTypes.POD_SCHEDULED, "True", Reasons.ALL_PODS_SCHEDULED);
    assertCondition(status, ConditionTypes.READY, "False", "CrashLoopBackOff");
    assertThat(status.phase).isEqualTo(Phases.DEGRADED);
    // The init container's restarts count: it is the one that keeps failing.
    assertThat(status.pods).singleElement().satisfies(p -> assertThat(p.restarts()).isEqualTo(2));
  }

  @Test
  void noPodsMeansUnknownPodConditions() {
    PodBlueprintStatus status =
        aggregate(WorkloadKind.Deployment, Fixtures.observe(Fixtures.availableDeployment(0)));

    for (String type :
        List.of(
            ConditionTypes.POD_SCHEDULED,
            ConditionTypes.INITIALIZED,
            ConditionTypes.CONTAINERS_READY)) {
      assertThat(assertCondition(status, type, "Unknown", Reasons.NO_PODS).getMessage())
          .isEqualTo("no pods exist yet");
    }
  }

  @Test
  void podSummariesAreBoundedToTheTenWorstFirst() {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      pods.add(Fixtures.readyPod("web-ready-" + (char) ('a' + i)));
    }
    pods.add(Fixtures.unschedulablePod("web-pending", Fixtures.UNSCHEDULABLE));
    pods.add(Fixtures.startingPod("web-starting"));
    pods.add(Fixtures.crashLoopPod("web-crash"));
    pods.add(Fixtures.imagePullBackOffPod("web-pull"));

    PodBlueprintStatus status =
        aggregate(
            WorkloadKind.Deployment,
            Fixtures.observe(Fixtures.availableDeployment(15), pods.toArray(Pod[]::new)));

    assertThat(status.pods).hasSize(PodConditions.MAX_PODS);
    assertThat(status.pods)
        .extracting(PodSummary::name)
        .startsWith("web-crash", "web-pull", "web-pending", "web-starting", "web-ready-a")
        .doesNotContain("web-ready-g", "web-ready-k");
    assertThat(status.pods.get(0).reason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.pods.get(0).restarts()).isEqualTo(5);
    assertThat(status.pods.get(2).reason()).isEqualTo("Unschedulable");
    assertThat(status.pods.get(4).ready()).isTrue();
    assertThat(status.pods.get(4).reason()).isNull();
  }

  @Test
  void podConditionsNameTheFirstPodThatIsNotThereYet() {
    PodBlueprintStatus status =
        aggregate(
            WorkloadKind.Deployment,
            Fixtures.observe(
                Fixtures.availableDeployment(3),
                Fixtures.readyPod("web-1"),
                Fixtures.unschedulablePod("web-2", Fixtures.UNSCHEDULABLE),
                Fixtures.readyPod("web-3")));

    Condition scheduled = condition(status, ConditionTypes.POD_SCHEDULED);
    assertThat(scheduled.getStatus()).isEqualTo("False");
    assertThat(scheduled.getMessage()).startsWith("pod web-2: ").contains(Fixtures.UNSCHEDULABLE);
  }

  @Test
  void finishedPodsDoNotMakeRunningPodsLookNotReady() {
    // A CronJob keeps the pods of its last runs; the current run's pod is up and ready.
    PodBlueprintStatus status =
        aggregate(
            WorkloadKind.CronJob,
            Fixtures.observeCronJob(
                Fixtures.cronJob(false),
                List.of(
                    Fixtures.job("web-28950000", "2025-03-01T11:00:00Z", Fixtures.jobComplete()),
                    Fixtures.job(
                        "web-28950005", "2025-03-01T11:05:00Z", Fixtures.jobStatus(1, 0, 0))),
                Fixtures.succeededPod("web-28950000-a"),
                Fixtures.readyPod("web-28950005-b")));

    Condition containers = condition(status, ConditionTypes.CONTAINERS_READY);
    assertThat(containers.getStatus()).isEqualTo("True");
    assertThat(containers.getReason())
        .as("a True condition must not say ContainersNotReady (%s)", containers)
        .isEqualTo(Reasons.ALL_CONTAINERS_READY);
  }
}
