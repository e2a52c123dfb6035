package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ready for run-to-completion workloads: a Job has completed; a CronJob is scheduled or suspended
 * and its last run did not fail (Stalled while it did).
 */
final class JobReadiness {
  private JobReadiness() {}

  static Readiness of(Job job, PodConditions pods, CreateFailures failures) {
    int wanted = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
    int succeeded =
        job.getStatus() == null || job.getStatus().getSucceeded() == null
            ? 0
            : job.getStatus().getSucceeded();
    Optional<JobCondition> failed = failed(job);
    if (failed.isPresent()) {
      Verdict why = Verdict.yes(failed.get().getReason(), failed.get().getMessage());
      return Readiness.stalled(why, Phases.FAILED, wanted, succeeded)
          .withJobOutcome(new Readiness.JobOutcome(Verdict.no(why.reason(), why.message()), why));
    }
    Optional<JobCondition> complete = condition(job, "Complete", "SuccessCriteriaMet");
    if (complete.isPresent()) {
      String message = "Job " + job.getMetadata().getName() + " completed";
      Verdict done = Verdict.yes(Reasons.JOB_COMPLETE, message);
      return Readiness.settled(done, Phases.SUCCEEDED, wanted, succeeded)
          .withJobOutcome(
              new Readiness.JobOutcome(done, Verdict.no(Reasons.JOB_COMPLETE, message)));
    }
    Optional<String> cannotCreate = failures.of(job);
    if (cannotCreate.isPresent()) {
      String message =
          "Job " + job.getMetadata().getName() + " cannot create its pods: " + cannotCreate.get();
      Verdict why = Verdict.yes(Reasons.FAILED_CREATE, message);
      Verdict no = Verdict.no(Reasons.FAILED_CREATE, message);
      return Readiness.stalled(why, Phases.DEGRADED, wanted, succeeded)
          .withJobOutcome(new Readiness.JobOutcome(no, no));
    }
    String progress = succeeded + "/" + wanted + " completions";
    Verdict running = Verdict.no(Reasons.JOB_RUNNING, progress);
    return Readiness.progressing(
            WorkloadReadiness.notReady(pods, Reasons.JOB_RUNNING, progress), wanted, succeeded)
        .withJobOutcome(new Readiness.JobOutcome(running, running));
  }

  /**
   * A CronJob is Ready while its schedule runs well. An active run whose pods fail (a container in
   * CrashLoopBackOff, an image that cannot be pulled) or that has failed pods already
   * (status.failed) makes it Ready=False with the pods' reason, as the last run failing does.
   * Neither is Stalled: the next scheduled run may succeed without any change. Stalled is kept for
   * runs that cannot create their pods at all (FailedCreate: Pod Security, a quota).
   */
  static Readiness ofCronJob(
      CronJob cronJob, List<Job> jobs, CreateFailures failures, PodConditions pods) {
    String name = cronJob.getMetadata().getName();
    if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
      // Suspended as asked: Ready (kstatus Current), phase Suspended (Argo CD Suspended).
      return Readiness.settled(
          Verdict.yes(Reasons.SUSPENDED, "CronJob " + name + " is suspended"),
          Phases.SUSPENDED,
          null,
          null);
    }
    for (Job run : jobs) {
      Optional<String> cannotCreate = finished(run) ? Optional.empty() : failures.of(run);
      if (cannotCreate.isPresent()) {
        String message =
            "run " + run.getMetadata().getName() + " cannot create its pods: " + cannotCreate.get();
        return Readiness.stalled(
            Verdict.yes(Reasons.FAILED_CREATE, message), Phases.DEGRADED, null, null);
      }
    }
    Optional<Readiness> failing = activeRunFailing(jobs, pods);
    if (failing.isPresent()) {
      return failing.get();
    }
    Optional<Job> last =
        jobs.stream()
            .filter(JobReadiness::finished)
            .max(Comparator.comparing(j -> j.getMetadata().getCreationTimestamp()));
    Optional<JobCondition> lastFailure = last.flatMap(JobReadiness::failed);
    if (lastFailure.isPresent()) {
      String message =
          "last run "
              + last.get().getMetadata().getName()
              + " failed: "
              + lastFailure.get().getReason()
              + ": "
              + lastFailure.get().getMessage();
      // Stalled until a later run succeeds: kstatus Failed, Argo CD Degraded.
      return Readiness.stalled(
          Verdict.yes(Reasons.LAST_RUN_FAILED, message), Phases.DEGRADED, null, null);
    }
    String schedule = "schedule \"" + cronJob.getSpec().getSchedule() + "\"";
    String message =
        last.map(j -> schedule + "; last run " + j.getMetadata().getName() + " succeeded")
            .orElse(schedule + "; no run has finished yet");
    return Readiness.settled(Verdict.yes(Reasons.SCHEDULED, message), null, null, null);
  }

  private static Optional<Readiness> activeRunFailing(List<Job> jobs, PodConditions pods) {
    Optional<PodHealth.Problem> problem =
        pods.worst().filter(p -> p.severity() == PodHealth.Severity.FAILING);
    for (Job run : jobs) {
      if (finished(run)) {
        continue;
      }
      int failed =
          run.getStatus() == null || run.getStatus().getFailed() == null
              ? 0
              : run.getStatus().getFailed();
      if (problem.isPresent() || failed > 0) {
        String name = run.getMetadata().getName();
        Verdict why =
            problem
                .map(p -> Verdict.no(p.reason(), "run " + name + ": " + p.message()))
                .orElse(
                    Verdict.no(
                        Reasons.RUN_FAILING,
                        "run " + name + " has " + failed + " failed pod(s) and is retrying"));
        return Optional.of(Readiness.settled(why, Phases.DEGRADED, null, null));
      }
    }
    return Optional.empty();
  }

  private static boolean finished(Job job) {
    return failed(job).isPresent() || condition(job, "Complete", "SuccessCriteriaMet").isPresent();
  }

  private static Optional<JobCondition> failed(Job job) {
    return condition(job, "Failed", "FailureTarget");
  }

  private static Optional<JobCondition> condition(Job job, String type, String earlyType) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    List<JobCondition> conditions = job.getStatus().getConditions();
    Optional<JobCondition> found = find(conditions, type);
    return found.isPresent() ? found : find(conditions, earlyType);
  }

  private static Optional<JobCondition> find(List<JobCondition> conditions, String type) {
    return conditions.stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }
}
