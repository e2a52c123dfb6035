package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.BEFORE;
import static io.podblueprint.status.Fixtures.GENERATION;
import static io.podblueprint.status.Fixtures.aggregate;
import static io.podblueprint.status.Fixtures.assertCondition;
import static io.podblueprint.status.Fixtures.deployment;
import static io.podblueprint.status.Fixtures.deploymentCondition;
import static io.podblueprint.status.Fixtures.deploymentStatus;
import static io.podblueprint.status.Fixtures.job;
import static io.podblueprint.status.Fixtures.readyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ready, Reconciling, Stalled and the phase, per workload kind and per apply outcome. */
@Tag("unit")
class StatusWorkloadTest {

  @Test
  void neverReconcilingAndStalledAtOnce() {
    // kstatus takes whichever of the two comes first in the list; the operator never sets both.
    for (PodBlueprintStatus status :
        List.of(
            aggregate(
                WorkloadKind.Deployment,
                Fixtures.observe(null, ApplyReport.invalid(List.of("f: bad")))),
            aggregate(WorkloadKind.Pod, Fixtures.observe(Fixtures.failedPod("web", 1))),
            aggregate(
                WorkloadKind.Pod,
                Fixtures.observe(Fixtures.crashLoopPod("web"), Fixtures.crashLoopPod("web"))))) {
      assertThat(status.conditions)
          .filteredOn(c -> "True".equals(c.getStatus()))
          .extracting(Condition::getType)
          .containsOnlyOnce(ConditionTypes.STALLED)
          .doesNotContain(ConditionTypes.RECONCILING);
    }
  }

  @Nested
  class Deployments {
    private PodBlueprintStatus of(
        Deployment deployment, io.fabric8.kubernetes.api.model.Pod... pods) {
      return aggregate(WorkloadKind.Deployment, Fixtures.observe(deployment, pods));
    }

    @Test
    void allReplicasUpdatedAndReadyIsReady() {
      PodBlueprintStatus status =
          of(Fixtures.availableDeployment(2), readyPod("web-1"), readyPod("web-2"));

      Condition ready =
          assertCondition(status, ConditionTypes.READY, "True", Reasons.ALL_REPLICAS_READY);
      assertThat(ready.getMessage()).isEqualTo("2/2 replicas ready");
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertCondition(
          status, ConditionTypes.CONTAINERS_READY, "True", Reasons.ALL_CONTAINERS_READY);
      assertThat(status.ready).isEqualTo("2/2");
      assertThat(status.replicas).isEqualTo(2);
      assertThat(status.readyReplicas).isEqualTo(2);
      assertThat(status.phase).isEqualTo(Phases.READY);
      assertThat(status.reason).isNull();
      assertThat(status.workload.apiVersion()).isEqualTo("apps/v1");
      assertThat(status.workload.kind()).isEqualTo("Deployment");
    }

    @Test
    void rollingOutIsNotReadyYet() {
      // Mid-rollout: one new pod is up (surge), the old ones are still there.
      Deployment rolling =
          deployment(
              2,
              deploymentStatus(
                  GENERATION, 3, 1, 3, Fixtures.minimumAvailable(), Fixtures.replicaSetUpdated()));

      PodBlueprintStatus status =
          of(rolling, readyPod("web-old-1"), readyPod("web-old-2"), readyPod("web-new-1"));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.ROLLING_OUT);
      // Like kubectl get deployment, ready counts the surge pod too.
      assertThat(ready.getMessage()).isEqualTo("1/2 replicas updated, 3/2 ready");
      assertThat(status.ready).isEqualTo("3/2");
      assertCondition(status, ConditionTypes.RECONCILING, "True", Reasons.ROLLING_OUT);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(status.phase).isEqualTo(Phases.PROGRESSING);
      assertThat(status.reason).isEqualTo(Reasons.ROLLING_OUT);
    }

    @Test
    void rolloutOfABrokenImageSaysWhy() {
      Deployment rolling =
          deployment(2, deploymentStatus(GENERATION, 3, 1, 2, Fixtures.replicaSetUpdated()));

      PodBlueprintStatus status =
          of(
              rolling,
              readyPod("web-old-1"),
              readyPod("web-old-2"),
              Fixtures.imagePullBackOffPod("web-new-1"));

      assertCondition(status, ConditionTypes.READY, "False", "ImagePullBackOff");
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertCondition(status, ConditionTypes.STALLED, "True", "ImagePullBackOff");
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
      assertThat(status.pods.get(0).name()).isEqualTo("web-new-1");
    }

    @Test
    void observedGenerationBehindIsNotReady() {
      Deployment stale =
          deployment(2, deploymentStatus(GENERATION - 1, 2, 2, 2, Fixtures.minimumAvailable()));

      PodBlueprintStatus status = of(stale, readyPod("web-1"), readyPod("web-2"));

      assertThat(Fixtures.condition(status, ConditionTypes.READY).getStatus()).isEqualTo("False");
      assertThat(Fixtures.condition(status, ConditionTypes.RECONCILING).getStatus())
          .isEqualTo("True");
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(status.phase).isEqualTo(Phases.PROGRESSING);
    }

    @Test
    void allUpdatedButNotAllReadyIsNotRollingOut() {
      PodBlueprintStatus status = of(deployment(2, deploymentStatus(GENERATION, 2, 2, 1)));

      Condition ready =
          assertCondition(status, ConditionTypes.READY, "False", Reasons.REPLICAS_NOT_READY);
      assertThat(ready.getMessage()).isEqualTo("2/2 replicas updated, 1/2 ready");
    }

    @Test
    void oldPodsStillThereIsRollingOut() {
      // Every replica is updated and ready; one old pod is still terminating.
      PodBlueprintStatus status = of(deployment(2, deploymentStatus(GENERATION, 3, 2, 2)));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.ROLLING_OUT);
      assertThat(ready.getMessage()).isEqualTo("2/2 replicas updated, 2/2 ready");
    }

    @Test
    void noStatusYetIsRollingOut() {
      PodBlueprintStatus status = of(deployment(2, null));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.ROLLING_OUT);
      assertThat(ready.getMessage()).contains("Deployment controller");
      assertThat(status.ready).isEqualTo("0/2");
      assertThat(status.phase).isEqualTo(Phases.PENDING);
    }

    @Test
    void progressDeadlineExceededStalls() {
      String message = "ReplicaSet \"web-7f9c6d\" has timed out progressing.";
      Deployment stuck =
          deployment(
              2,
              deploymentStatus(
                  GENERATION,
                  3,
                  1,
                  2,
                  Fixtures.minimumAvailable(),
                  deploymentCondition(
                      "Progressing", "False", "ProgressDeadlineExceeded", message)));

      PodBlueprintStatus status =
          of(
              stuck,
              readyPod("web-old-1"),
              readyPod("web-old-2"),
              Fixtures.crashLoopPod("web-new-1"));

      Condition stalled =
          assertCondition(status, ConditionTypes.STALLED, "True", "ProgressDeadlineExceeded");
      assertThat(stalled.getMessage()).isEqualTo(message);
      Condition ready =
          assertCondition(status, ConditionTypes.READY, "False", "ProgressDeadlineExceeded");
      assertThat(ready.getMessage()).isEqualTo(message);
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
      assertThat(status.reason).isEqualTo("ProgressDeadlineExceeded");
      assertThat(status.ready).isEqualTo("2/2");
    }

    @Test
    void aStallOfTheLastGenerationDoesNotStallTheNextOne() {
      // The user fixed the image; the Deployment controller has not yet seen the new spec, so its
      // conditions still describe the old rollout.
      Deployment fixedButNotObserved =
          deployment(
              2,
              deploymentStatus(
                  GENERATION - 1,
                  3,
                  1,
                  2,
                  deploymentCondition(
                      "Progressing",
                      "False",
                      "ProgressDeadlineExceeded",
                      "ReplicaSet \"web-7f9c6d\" has timed out progressing.")));

      PodBlueprintStatus status = of(fixedButNotObserved, readyPod("web-1"), readyPod("web-2"));

      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(Fixtures.condition(status, ConditionTypes.RECONCILING).getStatus())
          .isEqualTo("True");
      assertThat(Fixtures.condition(status, ConditionTypes.READY).getStatus()).isEqualTo("False");
    }

    @Test
    void podSecurityRefusalStallsWithFailedCreate() {
      Deployment refused =
          deployment(
              2,
              deploymentStatus(
                  GENERATION,
                  0,
                  0,
                  0,
                  deploymentCondition(
                      "Available",
                      "False",
                      "MinimumReplicasUnavailable",
                      "Deployment does not have minimum availability."),
                  Fixtures.replicaSetUpdated(),
                  deploymentCondition(
                      "ReplicaFailure", "True", "FailedCreate", Fixtures.POD_SECURITY)));

      PodBlueprintStatus status = of(refused);

      Condition stalled = assertCondition(status, ConditionTypes.STALLED, "True", "FailedCreate");
      assertThat(stalled.getMessage()).contains("violates PodSecurity").contains("web-abc");
      assertCondition(status, ConditionTypes.READY, "False", "FailedCreate");
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
      assertThat(status.reason).isEqualTo("FailedCreate");
      assertThat(status.ready).isEqualTo("0/2");
    }
  }

  @Nested
  class Jobs {
    private PodBlueprintStatus of(Job job, io.fabric8.kubernetes.api.model.Pod... pods) {
      return aggregate(WorkloadKind.Job, Fixtures.observe(job, pods));
    }

    @Test
    void completeJobSucceeded() {
      PodBlueprintStatus status =
          of(job("web", BEFORE, Fixtures.jobComplete()), Fixtures.succeededPod("web-x7k2p"));

      assertCondition(status, ConditionTypes.READY, "True", Reasons.JOB_COMPLETE);
      assertCondition(status, ConditionTypes.COMPLETE, "True", Reasons.JOB_COMPLETE);
      assertCondition(status, ConditionTypes.FAILED, "False", Reasons.JOB_COMPLETE);
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertCondition(status, ConditionTypes.CONTAINERS_READY, "False", Reasons.POD_COMPLETED);
      assertThat(status.phase).isEqualTo(Phases.SUCCEEDED);
      assertThat(status.ready).isEqualTo("1/1");
      assertThat(status.workload.apiVersion()).isEqualTo("batch/v1");
      assertThat(status.conditions)
          .extracting(Condition::getType)
          .endsWith(ConditionTypes.COMPLETE, ConditionTypes.FAILED);
    }

    @Test
    void aJobThatRanAndIsGoneKeepsItsOutcomeAndItsRunGeneration() {
      PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Job);
      PodBlueprintStatus done =
          Fixtures.aggregate(
              blueprint,
              Fixtures.observe(
                  job("web", BEFORE, Fixtures.jobComplete()), Fixtures.succeededPod("web-x")));
      assertThat(done.runGeneration).isEqualTo(blueprint.getMetadata().getGeneration());

      PodBlueprintStatus gone =
          Fixtures.aggregate(
              Fixtures.withStatus(blueprint, done),
              Fixtures.observe(null, new ApplyReport.AlreadyRan("Job web")));

      assertCondition(gone, ConditionTypes.COMPLETE, "True", Reasons.JOB_COMPLETE);
      assertCondition(gone, ConditionTypes.READY, "True", Reasons.JOB_COMPLETE);
      assertCondition(gone, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(gone.phase).isEqualTo(Phases.SUCCEEDED);
      assertThat(gone.runGeneration).isEqualTo(done.runGeneration);
    }

    @Test
    void aJobGoneBeforeItsOutcomeWasSeenIsFinishedAndSettledNotPending() {
      PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Job);
      PodBlueprintStatus running =
          Fixtures.aggregate(
              blueprint, Fixtures.observe(job("web", BEFORE, Fixtures.jobStatus(1, 0, 0))));
      PodBlueprintStatus gone =
          Fixtures.aggregate(
              Fixtures.withStatus(blueprint, running),
              Fixtures.observe(null, new ApplyReport.AlreadyRan("Job web")));

      Condition ready = assertCondition(gone, ConditionTypes.READY, "True", Reasons.RUN_DELETED);
      assertThat(ready.getMessage()).contains("not run again");
      assertCondition(gone, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(gone.phase).isEqualTo(Phases.FINISHED);
    }

    @Test
    void backoffLimitExceededFails() {
      PodBlueprintStatus status =
          of(
              job("web", BEFORE, Fixtures.jobBackoffLimitExceeded()),
              Fixtures.failedPod("web-a", 1));

      Condition failed =
          assertCondition(status, ConditionTypes.FAILED, "True", "BackoffLimitExceeded");
      assertThat(failed.getMessage()).isEqualTo("Job has reached the specified backoff limit");
      assertCondition(status, ConditionTypes.STALLED, "True", "BackoffLimitExceeded");
      assertCondition(status, ConditionTypes.READY, "False", "BackoffLimitExceeded");
      assertCondition(status, ConditionTypes.COMPLETE, "False", "BackoffLimitExceeded");
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(status.phase).isEqualTo(Phases.FAILED);
      assertThat(status.reason).isEqualTo("BackoffLimitExceeded");
    }

    @Test
    void deadlineExceededFails() {
      PodBlueprintStatus status = of(job("web", BEFORE, Fixtures.jobDeadlineExceeded()));

      Condition failed = assertCondition(status, ConditionTypes.FAILED, "True", "DeadlineExceeded");
      assertThat(failed.getMessage()).contains("active longer than specified deadline");
      assertCondition(status, ConditionTypes.STALLED, "True", "DeadlineExceeded");
      assertCondition(status, ConditionTypes.READY, "False", "DeadlineExceeded");
      assertThat(status.phase).isEqualTo(Phases.FAILED);
    }

    @Test
    void runningJobIsReconciling() {
      PodBlueprintStatus status =
          of(job("web", BEFORE, Fixtures.jobStatus(1, 0, 0)), readyPod("web-x7k2p"));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.JOB_RUNNING);
      assertThat(ready.getMessage()).isEqualTo("0/1 completions");
      assertCondition(status, ConditionTypes.RECONCILING, "True", Reasons.JOB_RUNNING);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertCondition(status, ConditionTypes.COMPLETE, "False", Reasons.JOB_RUNNING);
      assertCondition(status, ConditionTypes.FAILED, "False", Reasons.JOB_RUNNING);
      assertThat(status.phase).isEqualTo(Phases.PROGRESSING);
      assertThat(status.ready).isEqualTo("0/1");
    }
  }

  @Nested
  class CronJobs {
    @Test
    void idleScheduleIsReady() {
      PodBlueprintStatus status =
          aggregate(
              WorkloadKind.CronJob, Fixtures.observeCronJob(Fixtures.cronJob(false), List.of()));

      Condition ready = assertCondition(status, ConditionTypes.READY, "True", Reasons.SCHEDULED);
      assertThat(ready.getMessage()).contains("*/5 * * * *").contains("no run has finished yet");
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(
              assertCondition(status, ConditionTypes.POD_SCHEDULED, "Unknown", Reasons.NO_PODS)
                  .getMessage())
          .isEqualTo("no run is active");
      assertThat(status.phase).isEqualTo(Phases.READY);
      assertThat(status.ready).isNull();
      assertThat(status.workload.kind()).isEqualTo("CronJob");
    }

    @Test
    void suspendedIsSuspendedAndSettled() {
      PodBlueprintStatus status =
          aggregate(
              WorkloadKind.CronJob, Fixtures.observeCronJob(Fixtures.cronJob(true), List.of()));

      // Suspended as asked: Ready (kstatus Current); Argo CD reads the phase as Suspended.
      assertCondition(status, ConditionTypes.READY, "True", Reasons.SUSPENDED);
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(status.phase).isEqualTo(Phases.SUSPENDED);
    }

    @Test
    void lastFinishedRunFailedStalls() {
      List<Job> jobs =
          List.of(
              job("web-28950000", "2025-03-01T11:00:00Z", Fixtures.jobComplete()),
              job("web-28950005", "2025-03-01T11:05:00Z", Fixtures.jobBackoffLimitExceeded()));

      PodBlueprintStatus status =
          aggregate(
              WorkloadKind.CronJob,
              Fixtures.observeCronJob(
                  Fixtures.cronJob(false), jobs, Fixtures.failedPod("web-28950005-q", 1)));

      Condition ready =
          assertCondition(status, ConditionTypes.READY, "False", Reasons.LAST_RUN_FAILED);
      assertThat(ready.getMessage()).contains("web-28950005").contains("BackoffLimitExceeded");
      // Until a later run succeeds: kstatus Failed, Argo CD Degraded.
      assertCondition(status, ConditionTypes.STALLED, "True", Reasons.LAST_RUN_FAILED);
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
      assertThat(status.reason).isEqualTo(Reasons.LAST_RUN_FAILED);
    }

    @Test
    void anActiveRunWhosePodsCrashLoopIsNotReady() {
      List<Job> jobs =
          List.of(
              job("web-28950005", "2025-03-01T11:05:00Z", Fixtures.jobComplete()),
              job("web-28950010", "2025-03-01T11:10:00Z", Fixtures.jobStatus(1, 0, 0)));

      PodBlueprintStatus status =
          aggregate(
              WorkloadKind.CronJob,
              Fixtures.observeCronJob(
                  Fixtures.cronJob(false), jobs, Fixtures.crashLoopPod("web-28950010-a")));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", "CrashLoopBackOff");
      assertThat(ready.getMessage()).contains("web-28950010");
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
    }

    @Test
    void anActiveRunWithFailedPodsIsNotReady() {
      List<Job> jobs =
          List.of(job("web-28950010", "2025-03-01T11:10:00Z", Fixtures.jobStatus(1, 0, 2)));

      PodBlueprintStatus status =
          aggregate(WorkloadKind.CronJob, Fixtures.observeCronJob(Fixtures.cronJob(false), jobs));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.RUN_FAILING);
      assertThat(ready.getMessage()).contains("web-28950010").contains("2 failed");
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
    }

    @Test
    void lastFinishedRunSucceededIsReady() {
      List<Job> jobs =
          List.of(
              job("web-28950005", "2025-03-01T11:05:00Z", Fixtures.jobComplete()),
              job("web-28950000", "2025-03-01T11:00:00Z", Fixtures.jobBackoffLimitExceeded()),
              job("web-28950010", "2025-03-01T11:10:00Z", Fixtures.jobStatus(1, 0, 0)));

      PodBlueprintStatus status =
          aggregate(WorkloadKind.CronJob, Fixtures.observeCronJob(Fixtures.cronJob(false), jobs));

      Condition ready = assertCondition(status, ConditionTypes.READY, "True", Reasons.SCHEDULED);
      assertThat(ready.getMessage()).contains("last run web-28950005 succeeded");
      assertThat(status.phase).isEqualTo(Phases.READY);
    }
  }

  @Nested
  class NoWorkloadYet {
    @Test
    void isBeingCreated() {
      PodBlueprintStatus status = aggregate(WorkloadKind.Deployment, Fixtures.observe(null));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.CREATING);
      assertThat(ready.getMessage()).isEqualTo("Deployment is being created");
      assertCondition(status, ConditionTypes.RECONCILING, "True", Reasons.CREATING);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(status.phase).isEqualTo(Phases.PENDING);
      assertThat(status.reason).isEqualTo(Reasons.CREATING);
      assertThat(status.workload.name()).isEqualTo("web");
      assertThat(status.ready).isNull();
    }
  }

  @Nested
  class ApplyOutcomes {
    @Test
    void invalidSpecStallsAndStillReportsThePods() {
      List<String> findings =
          List.of(
              "spec.template.spec.containers[0].image: must not be empty",
              "spec.service.ports[0].targetPort: no container port is named \"htp\"");

      PodBlueprintStatus status =
          aggregate(
              WorkloadKind.Deployment,
              Fixtures.observe(
                  Fixtures.availableDeployment(2),
                  ApplyReport.invalid(findings),
                  readyPod("web-1"),
                  readyPod("web-2")));

      Condition stalled =
          assertCondition(status, ConditionTypes.STALLED, "True", Reasons.INVALID_SPEC);
      assertThat(stalled.getMessage()).isEqualTo(String.join("; ", findings));
      assertCondition(status, ConditionTypes.READY, "False", Reasons.INVALID_SPEC);
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertCondition(status, ConditionTypes.POD_SCHEDULED, "True", Reasons.ALL_PODS_SCHEDULED);
      assertCondition(
          status, ConditionTypes.CONTAINERS_READY, "True", Reasons.ALL_CONTAINERS_READY);
      assertThat(status.phase).isEqualTo(Phases.INVALID);
      assertThat(status.reason).isEqualTo(Reasons.INVALID_SPEC);
      assertThat(status.ready).isEqualTo("2/2");
      assertThat(status.pods).hasSize(2);
    }

    @Test
    void manyFindingsAreShortened() {
      List<String> findings =
          List.of("f: one", "f: two", "f: three", "f: four", "f: five", "f: six", "f: seven");

      PodBlueprintStatus status =
          aggregate(WorkloadKind.Deployment, Fixtures.observe(null, ApplyReport.invalid(findings)));

      assertThat(Fixtures.condition(status, ConditionTypes.STALLED).getMessage())
          .isEqualTo("f: one; f: two; f: three; f: four; f: five; and 2 more");
    }

    @Test
    void refusedChildStalls() {
      String message =
          "Deployment web: spec.template.spec.containers[0].resources.requests: Invalid value:"
              + " \"2\": must be less than or equal to cpu limit of 1";

      PodBlueprintStatus status =
          aggregate(
              WorkloadKind.Deployment,
              Fixtures.observe(
                  Fixtures.availableDeployment(2),
                  ApplyReport.refused(Reasons.CHILD_REFUSED, message),
                  readyPod("web-1"),
                  readyPod("web-2")));

      Condition stalled =
          assertCondition(status, ConditionTypes.STALLED, "True", Reasons.CHILD_REFUSED);
      assertThat(stalled.getMessage()).isEqualTo(message);
      assertCondition(status, ConditionTypes.READY, "False", Reasons.CHILD_REFUSED);
      assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
      assertThat(status.phase).isEqualTo(Phases.DEGRADED);
      assertThat(status.reason).isEqualTo(Reasons.CHILD_REFUSED);
    }

    @Test
    void replacingIsReconciling() {
      PodBlueprintStatus status =
          aggregate(WorkloadKind.Pod, Fixtures.observe(null, ApplyReport.replacing("Pod web")));

      Condition ready = assertCondition(status, ConditionTypes.READY, "False", Reasons.REPLACING);
      assertThat(ready.getMessage()).startsWith("Pod web is being replaced");
      assertCondition(status, ConditionTypes.RECONCILING, "True", Reasons.REPLACING);
      assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
      assertThat(status.phase).isEqualTo(Phases.PENDING);
      assertThat(status.reason).isEqualTo(Reasons.REPLACING);
    }
  }
}
