package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.BEFORE;
import static io.podblueprint.status.Fixtures.GENERATION;
import static io.podblueprint.status.Fixtures.readyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What kstatus (sigs.k8s.io/cli-utils/pkg/kstatus, used by kpt, Flux, Config Sync and kubectl-style
 * waiters) computes from the statuses the operator writes.
 */
@Tag("unit")
class KstatusConformanceTest {

  enum KStatus {
    InProgress,
    Failed,
    Current,
    Terminating
  }

  /**
   * kstatus' Compute for a custom resource, restated from cli-utils pkg/kstatus (README.md,
   * "Statuses", "Conditions" and "The Ready Condition"; status/generic.go checkGenericProperties
   * and checkGeneration; status/status.go Compute):
   *
   * <ol>
   *   <li>metadata.deletionTimestamp set: Terminating.
   *   <li>status.observedGeneration present and != metadata.generation: InProgress
   *       (LatestGenerationNotObserved).
   *   <li>The conditions in list order: the first Reconciling=True gives InProgress, the first
   *       Stalled=True gives Failed.
   *   <li>A resource that has not adopted Reconciling/Stalled falls back to Ready: True is Current,
   *       False is InProgress.
   *   <li>Otherwise (no known condition says otherwise): Current.
   * </ol>
   */
  static KStatus compute(PodBlueprint resource) {
    if (resource.getMetadata().getDeletionTimestamp() != null) {
      return KStatus.Terminating;
    }
    PodBlueprintStatus status = resource.getStatus();
    Long generation = resource.getMetadata().getGeneration();
    if (generation != null
        && status != null
        && status.observedGeneration != null
        && !Objects.equals(status.observedGeneration, generation)) {
      return KStatus.InProgress;
    }
    List<Condition> conditions = status == null ? List.of() : status.conditions;
    for (Condition c : conditions) {
      if ("Reconciling".equals(c.getType()) && "True".equals(c.getStatus())) {
        return KStatus.InProgress;
      }
      if ("Stalled".equals(c.getType()) && "True".equals(c.getStatus())) {
        return KStatus.Failed;
      }
    }
    boolean adopted =
        conditions.stream()
            .anyMatch(c -> "Reconciling".equals(c.getType()) || "Stalled".equals(c.getType()));
    if (!adopted) {
      for (Condition c : conditions) {
        if ("Ready".equals(c.getType()) && "False".equals(c.getStatus())) {
          return KStatus.InProgress;
        }
      }
    }
    return KStatus.Current;
  }

  /** The blueprint as a kstatus client reads it: with the status the operator wrote. */
  private static KStatus kstatus(WorkloadKind kind, Observation observed) {
    PodBlueprint blueprint = Fixtures.blueprint(kind);
    return compute(Fixtures.withStatus(blueprint, Fixtures.aggregate(blueprint, observed)));
  }

  @Test
  void readyDeploymentIsCurrent() {
    assertThat(
            kstatus(
                WorkloadKind.Deployment,
                Fixtures.observe(
                    Fixtures.availableDeployment(2), readyPod("web-1"), readyPod("web-2"))))
        .isEqualTo(KStatus.Current);
  }

  @Test
  void rollingOutIsInProgress() {
    var rolling = Fixtures.deployment(2, Fixtures.deploymentStatus(GENERATION, 3, 1, 2));
    assertThat(
            kstatus(
                WorkloadKind.Deployment,
                Fixtures.observe(rolling, readyPod("web-1"), Fixtures.startingPod("web-2"))))
        .isEqualTo(KStatus.InProgress);
  }

  @Test
  void notCreatedYetIsInProgress() {
    assertThat(kstatus(WorkloadKind.Deployment, Fixtures.observe(null)))
        .isEqualTo(KStatus.InProgress);
  }

  @Test
  void replacingIsInProgress() {
    assertThat(kstatus(WorkloadKind.Pod, Fixtures.observe(null, ApplyReport.replacing("Pod web"))))
        .isEqualTo(KStatus.InProgress);
  }

  @Test
  void invalidSpecIsFailed() {
    assertThat(
            kstatus(
                WorkloadKind.Deployment,
                Fixtures.observe(
                    Fixtures.availableDeployment(1),
                    ApplyReport.invalid(List.of("spec.template.spec.containers[0].image: empty")),
                    readyPod("web-1"))))
        .isEqualTo(KStatus.Failed);
  }

  @Test
  void refusedChildIsFailed() {
    assertThat(
            kstatus(
                WorkloadKind.Deployment,
                Fixtures.observe(
                    null, ApplyReport.refused(Reasons.CHILD_REFUSED, "Deployment web: invalid"))))
        .isEqualTo(KStatus.Failed);
  }

  @Test
  void failedJobIsFailed() {
    assertThat(
            kstatus(
                WorkloadKind.Job,
                Fixtures.observe(Fixtures.job("web", BEFORE, Fixtures.jobBackoffLimitExceeded()))))
        .isEqualTo(KStatus.Failed);
    assertThat(
            kstatus(
                WorkloadKind.Job,
                Fixtures.observe(Fixtures.job("web", BEFORE, Fixtures.jobDeadlineExceeded()))))
        .isEqualTo(KStatus.Failed);
  }

  @Test
  void completeJobIsCurrent() {
    assertThat(
            kstatus(
                WorkloadKind.Job,
                Fixtures.observe(
                    Fixtures.job("web", BEFORE, Fixtures.jobComplete()),
                    Fixtures.succeededPod("web-a"))))
        .isEqualTo(KStatus.Current);
  }

  @Test
  void suspendedCronJobIsCurrent() {
    // Ready is False, but the blueprint has adopted Reconciling/Stalled: nothing is in progress.
    assertThat(
            kstatus(
                WorkloadKind.CronJob, Fixtures.observeCronJob(Fixtures.cronJob(true), List.of())))
        .isEqualTo(KStatus.Current);
  }

  @Test
  void progressDeadlineExceededIsFailed() {
    var stuck =
        Fixtures.deployment(
            1,
            Fixtures.deploymentStatus(
                GENERATION,
                1,
                0,
                0,
                Fixtures.deploymentCondition(
                    "Progressing", "False", "ProgressDeadlineExceeded", "timed out")));
    assertThat(kstatus(WorkloadKind.Deployment, Fixtures.observe(stuck))).isEqualTo(KStatus.Failed);
  }

  @Test
  void observedGenerationBehindIsInProgress() {
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Deployment);
    PodBlueprintStatus written =
        Fixtures.aggregate(
            blueprint, Fixtures.observe(Fixtures.availableDeployment(1), readyPod("web-1")));
    PodBlueprint edited = Fixtures.withStatus(blueprint, written);
    edited.getMetadata().setGeneration(GENERATION + 1);

    assertThat(compute(edited)).isEqualTo(KStatus.InProgress);
  }

  @Test
  void neverReconciledAndStalledAtOnce() {
    // kstatus takes whichever of the two comes first; the operator never sets both.
    for (PodBlueprintStatus status :
        List.of(
            Fixtures.aggregate(
                WorkloadKind.Deployment,
                Fixtures.observe(null, ApplyReport.invalid(List.of("f: bad")))),
            Fixtures.aggregate(WorkloadKind.Pod, Fixtures.observe(Fixtures.failedPod("web", 1))))) {
      assertThat(status.conditions)
          .filteredOn(c -> "True".equals(c.getStatus()))
          .extracting(Condition::getType)
          .containsOnlyOnce(ConditionTypes.STALLED)
          .doesNotContain(ConditionTypes.RECONCILING);
    }
  }
}
