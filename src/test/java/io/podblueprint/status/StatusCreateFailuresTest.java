package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.BEFORE;
import static io.podblueprint.status.Fixtures.POD_SECURITY;
import static io.podblueprint.status.Fixtures.aggregate;
import static io.podblueprint.status.Fixtures.assertCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Job whose pods cannot be created (Pod Security, quota) has no condition that says so; the Job
 * controller only records FailedCreate Events, shaped here as it writes them (seen on a 1.34
 * cluster: the Job's status holds only startTime, ready: 0 and no conditions).
 */
@Tag("unit")
class StatusCreateFailuresTest {
  static final String JOB_UID = "0b6f3c1e-job";
  static final String ERROR = "Error creating: " + POD_SECURITY;

  static Job job(String name, String uid, JobStatus status) {
    Job job = Fixtures.job(name, BEFORE, status);
    job.getMetadata().setUid(uid);
    return job;
  }

  static Event failedCreate(String job, String uid, String message, String last) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(job + ".18a7")
        .withNamespace("default")
        .withCreationTimestamp(BEFORE)
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Job")
        .withName(job)
        .withNamespace("default")
        .withUid(uid)
        .endInvolvedObject()
        .withReason("FailedCreate")
        .withType("Warning")
        .withMessage(message)
        .withLastTimestamp(last)
        .build();
  }

  static Pod podOf(String jobUid) {
    return new PodBuilder(Fixtures.startingPod("web-x7k2p"))
        .editMetadata()
        .addNewOwnerReference()
        .withKind("Job")
        .withName("web")
        .withUid(jobUid)
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }

  static PodBlueprintStatus ofJob(Job job, List<Event> events, Pod... pods) {
    return aggregate(
        WorkloadKind.Job,
        new Observation(job, List.of(), List.of(pods), ApplyReport.APPLIED, events));
  }

  @Test
  void aJobWithoutPodsAndAFailedCreateEventIsStalledWithTheControllersMessage() {
    Job job = job("web", JOB_UID, Fixtures.jobStatus(0, 0, 0));
    PodBlueprintStatus status =
        ofJob(
            job,
            List.of(
                failedCreate("web", JOB_UID, "Error creating: an older refusal", BEFORE),
                failedCreate("web", JOB_UID, ERROR, "2025-03-01T11:30:00Z")));

    var stalled = assertCondition(status, ConditionTypes.STALLED, "True", Reasons.FAILED_CREATE);
    assertThat(stalled.getMessage())
        .isEqualTo("Job web cannot create its pods: " + ERROR)
        .contains("violates PodSecurity");
    assertCondition(status, ConditionTypes.READY, "False", Reasons.FAILED_CREATE);
    assertCondition(status, ConditionTypes.RECONCILING, "False", Reasons.RECONCILED);
    assertCondition(status, ConditionTypes.COMPLETE, "False", Reasons.FAILED_CREATE);
    assertCondition(status, ConditionTypes.FAILED, "False", Reasons.FAILED_CREATE);
    assertThat(status.phase).isEqualTo(Phases.DEGRADED);
    assertThat(status.reason).isEqualTo(Reasons.FAILED_CREATE);
  }

  @Test
  void aFailureThatWasOvercomeIsForgottenOnceThePodExists() {
    Job job = job("web", JOB_UID, Fixtures.jobStatus(1, 0, 0));
    PodBlueprintStatus status =
        ofJob(job, List.of(failedCreate("web", JOB_UID, ERROR, BEFORE)), podOf(JOB_UID));

    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
    assertThat(status.phase).isNotEqualTo(Phases.DEGRADED);
  }

  @Test
  void eventsAboutAnotherJobOfTheSameNameAreIgnored() {
    // The Job was replaced (new uid): its predecessor's Events no longer speak for it.
    Job job = job("web", JOB_UID, Fixtures.jobStatus(0, 0, 0));
    PodBlueprintStatus status =
        ofJob(job, List.of(failedCreate("web", "an-older-uid", ERROR, BEFORE)));

    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
    assertCondition(status, ConditionTypes.READY, "False", Reasons.JOB_RUNNING);
  }

  @Test
  void aFinishedJobReportsItsOutcomeNotOldCreateFailures() {
    Job job = job("web", JOB_UID, Fixtures.jobComplete());
    PodBlueprintStatus status = ofJob(job, List.of(failedCreate("web", JOB_UID, ERROR, BEFORE)));

    assertCondition(status, ConditionTypes.READY, "True", Reasons.JOB_COMPLETE);
    assertCondition(status, ConditionTypes.STALLED, "False", Reasons.NOT_STALLED);
  }

  @Test
  void aCronJobRunThatCannotCreateItsPodsStallsTheBlueprint() {
    CronJob cronJob =
        new CronJobBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("default")
            .withUid("cron-uid")
            .endMetadata()
            .withNewSpec()
            .withSchedule("*/5 * * * *")
            .endSpec()
            .build();
    Job done = job("web-28950000", "done-uid", Fixtures.jobComplete());
    Job stuck = job("web-28950005", JOB_UID, Fixtures.jobStatus(0, 0, 0));
    PodBlueprintStatus status =
        aggregate(
            WorkloadKind.CronJob,
            new Observation(
                cronJob,
                List.of(done, stuck),
                List.of(),
                ApplyReport.APPLIED,
                List.of(
                    failedCreate("web-28950000", "done-uid", "Error creating: old", BEFORE),
                    failedCreate("web-28950005", JOB_UID, ERROR, BEFORE))));

    var stalled = assertCondition(status, ConditionTypes.STALLED, "True", Reasons.FAILED_CREATE);
    assertThat(stalled.getMessage()).isEqualTo("run web-28950005 cannot create its pods: " + ERROR);
    assertCondition(status, ConditionTypes.READY, "False", Reasons.FAILED_CREATE);
    assertThat(status.phase).isEqualTo(Phases.DEGRADED);
  }
}
