package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/** What Ready means for each workload kind, read from the child and its pods. */
final class WorkloadReadiness {
  private WorkloadReadiness() {}

  static Readiness of(Observation observed, PodConditions pods) {
    HasMetadata workload = observed.workload();
    CreateFailures failures = new CreateFailures(observed.failedCreates(), observed.pods());
    if (workload instanceof Pod pod) {
      return pod(pod, pods);
    }
    if (workload instanceof Deployment deployment) {
      return deployment(deployment, pods);
    }
    if (workload instanceof Job job) {
      return JobReadiness.of(job, pods, failures);
    }
    if (workload instanceof CronJob cronJob) {
      return JobReadiness.ofCronJob(cronJob, observed.jobs(), failures, pods);
    }
    throw new IllegalArgumentException("not a workload: " + workload.getKind());
  }

  private static Readiness pod(Pod pod, PodConditions pods) {
    PodHealth health = new PodHealth(pod);
    int ready = health.isTrue(ConditionTypes.READY) ? 1 : 0;
    if (health.succeeded()) {
      // Done as asked: Ready, so kstatus reads Current and `kubectl wait --for=condition=Ready`
      // returns (kstatus reads a Succeeded Pod of its own as Current too).
      return Readiness.settled(
          Verdict.yes(Reasons.POD_COMPLETED, "pod " + health.name() + " ran to completion"),
          Phases.SUCCEEDED,
          1,
          0);
    }
    if (health.failed()) {
      PodHealth.Problem problem = health.problem();
      return Readiness.stalled(
          Verdict.yes(problem.reason(), problem.message()), Phases.FAILED, 1, 0);
    }
    if (ready == 1) {
      return Readiness.settled(
          Verdict.yes(Reasons.POD_READY, "pod " + health.name() + " is ready"), null, 1, 1);
    }
    return Readiness.progressing(
        notReady(pods, Reasons.REPLICAS_NOT_READY, "pod is not ready"), 1, 0);
  }

  private static Readiness deployment(Deployment deployment, PodConditions pods) {
    var spec = deployment.getSpec();
    var status = deployment.getStatus();
    int wanted = spec.getReplicas() == null ? 1 : spec.getReplicas();
    int ready = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    if (status == null) {
      return Readiness.progressing(
          Verdict.no(Reasons.ROLLING_OUT, "waiting for the Deployment controller"), wanted, 0);
    }
    Long generation = deployment.getMetadata().getGeneration();
    boolean current =
        status.getObservedGeneration() != null
            && (generation == null || status.getObservedGeneration() >= generation);
    if (!current) {
      // The conditions below describe an older spec; wait until the controller has seen this one.
      return Readiness.progressing(
          Verdict.no(
              Reasons.ROLLING_OUT,
              "waiting for the Deployment controller to observe generation " + generation),
          wanted,
          ready);
    }
    Optional<DeploymentCondition> failure = condition(deployment, "ReplicaFailure", "True");
    if (failure.isPresent()) {
      return Readiness.stalled(
          Verdict.yes(failure.get().getReason(), failure.get().getMessage()),
          Phases.DEGRADED,
          wanted,
          ready);
    }
    Optional<DeploymentCondition> deadline = condition(deployment, "Progressing", "False");
    if (deadline.isPresent()) {
      return Readiness.stalled(
          Verdict.yes(deadline.get().getReason(), deadline.get().getMessage()),
          Phases.DEGRADED,
          wanted,
          ready);
    }
    int updated = orZero(status.getUpdatedReplicas());
    int total = orZero(status.getReplicas());
    if (updated == wanted && ready == wanted && total == wanted) {
      return Readiness.settled(
          Verdict.yes(Reasons.ALL_REPLICAS_READY, ready + "/" + wanted + " replicas ready"),
          null,
          wanted,
          ready);
    }
    String progress =
        updated + "/" + wanted + " replicas updated, " + ready + "/" + wanted + " ready";
    String reason =
        updated < wanted || total > wanted ? Reasons.ROLLING_OUT : Reasons.REPLICAS_NOT_READY;
    return Readiness.progressing(notReady(pods, reason, progress), wanted, ready);
  }

  /** Not ready: the pods' worst problem says why if there is one, else the progress so far. */
  static Verdict notReady(PodConditions pods, String reason, String message) {
    return pods.worst()
        .filter(p -> p.reason() != null)
        .map(p -> Verdict.no(p.reason(), p.message()))
        .orElse(Verdict.no(reason, message));
  }

  private static Optional<DeploymentCondition> condition(
      Deployment deployment, String type, String status) {
    var conditions = deployment.getStatus().getConditions();
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
        .findFirst();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
