package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podblueprint.api.v1alpha1.ChildReference;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.podblueprint.render.ChildRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure: a blueprint and what was observed of its children in, the whole status out. Nothing here
 * talks to the API server; the same inputs give the same status.
 */
public final class StatusAggregator {
  static final int MAX_FINDINGS_IN_MESSAGE = 5;

  private StatusAggregator() {}

  public static PodBlueprintStatus aggregate(
      PodBlueprint blueprint, Observation observed, Instant now) {
    WorkloadKind kind = blueprint.getSpec().workloadOrDefault();
    PodConditions pods = new PodConditions(observed.pods());
    PodBlueprintStatus previous = blueprint.getStatus();
    Readiness readiness =
        observed.apply() instanceof ApplyReport.AlreadyRan ran && observed.workload() == null
            ? RunOutcome.of(ran.child(), previous, blueprint.getMetadata().getGeneration())
            : override(failing(kind, readiness(kind, observed, pods), pods), observed.apply());
    Conditions conditions =
        new Conditions(
            previous == null ? null : previous.conditions,
            blueprint.getMetadata().getGeneration(),
            now);

    PodBlueprintStatus status = new PodBlueprintStatus();
    status.observedGeneration = blueprint.getMetadata().getGeneration();
    status.workload = reference(kind, blueprint.getMetadata().getName());
    status.replicas = readiness.replicas();
    status.readyReplicas = readiness.readyReplicas();
    if (readiness.replicas() != null) {
      status.ready = readiness.readyReplicas() + "/" + readiness.replicas();
    }
    String noPods = kind == WorkloadKind.CronJob ? "no run is active" : "no pods exist yet";
    List<Condition> list = new ArrayList<>();
    list.add(conditions.of(ConditionTypes.POD_SCHEDULED, pods.scheduled(noPods)));
    list.add(conditions.of(ConditionTypes.INITIALIZED, pods.initialized(noPods)));
    list.add(conditions.of(ConditionTypes.CONTAINERS_READY, pods.containersReady(noPods)));
    list.add(conditions.of(ConditionTypes.READY, readiness.ready()));
    list.add(conditions.of(ConditionTypes.RECONCILING, reconciling(readiness)));
    list.add(conditions.of(ConditionTypes.STALLED, stalled(readiness)));
    if (readiness.jobOutcome() != null) {
      list.add(conditions.of(ConditionTypes.COMPLETE, readiness.jobOutcome().complete()));
      list.add(conditions.of(ConditionTypes.FAILED, readiness.jobOutcome().failed()));
    }
    status.conditions = list;
    status.pods = pods.summaries();
    status.phase = phase(readiness, observed, pods);
    status.runGeneration = runGeneration(blueprint, observed);
    status.reason = reason(readiness);
    return status;
  }

  private static Readiness readiness(WorkloadKind kind, Observation observed, PodConditions pods) {
    if (observed.workload() == null) {
      String message = kind + " is being created";
      Verdict creating = Verdict.no(Reasons.CREATING, message);
      Readiness readiness = Readiness.progressing(creating, null, null);
      // A Job blueprint carries Complete and Failed from its first status on, so their appearing
      // once the Job exists is no change that waiting tools act on.
      return kind == WorkloadKind.Job
          ? readiness.withJobOutcome(new Readiness.JobOutcome(creating, creating))
          : readiness;
    }
    return WorkloadReadiness.of(observed, pods);
  }

  /**
   * A bare Pod or a Deployment whose pods have a container that cannot get ready on its own
   * (CrashLoopBackOff, ImagePullBackOff, ...) is stalled until they recover: kstatus reads it as
   * Failed and Argo CD as Degraded, as both read such a Pod of their own, so a waiting tool (Helm,
   * Flux) fails at once instead of timing out. A Job is not: its controller retries failed pods up
   * to its backoffLimit, and its own Failed condition says when it gives up.
   */
  private static Readiness failing(WorkloadKind kind, Readiness readiness, PodConditions pods) {
    boolean retriedByItsController = kind == WorkloadKind.Job || kind == WorkloadKind.CronJob;
    if (retriedByItsController || readiness.settled() || !pods.anyFailing()) {
      return readiness;
    }
    PodHealth.Problem problem = pods.worst().orElseThrow();
    return Readiness.stalled(
        Verdict.yes(problem.reason(), problem.message()),
        Phases.DEGRADED,
        readiness.replicas(),
        readiness.readyReplicas());
  }

  /** What the operator itself did (or refused to do) takes precedence over what the child says. */
  private static Readiness override(Readiness readiness, ApplyReport apply) {
    if (apply instanceof ApplyReport.Invalid invalid) {
      Verdict why = Verdict.yes(Reasons.INVALID_SPEC, findings(invalid.findings()));
      return Readiness.stalled(why, Phases.INVALID, readiness.replicas(), readiness.readyReplicas())
          .withJobOutcome(readiness.jobOutcome());
    }
    if (apply instanceof ApplyReport.Refused refused) {
      Verdict why = Verdict.yes(refused.reason(), refused.message());
      return Readiness.stalled(
              why, Phases.DEGRADED, readiness.replicas(), readiness.readyReplicas())
          .withJobOutcome(readiness.jobOutcome());
    }
    if (apply instanceof ApplyReport.Replacing replacing) {
      Verdict ready =
          Verdict.no(
              Reasons.REPLACING,
              replacing.child() + " is being replaced because the change cannot be made in place");
      return Readiness.progressing(ready, readiness.replicas(), readiness.readyReplicas());
    }
    return readiness;
  }

  /**
   * The generation whose run (a Job, a bare Pod that runs to completion) exists or existed: set
   * when the apply stage left such a workload in place, else carried over.
   */
  private static Long runGeneration(PodBlueprint blueprint, Observation observed) {
    PodBlueprintStatus previous = blueprint.getStatus();
    Long before = previous == null ? null : previous.runGeneration;
    HasMetadata workload = observed.workload();
    boolean inPlace =
        observed.apply() instanceof ApplyReport.Applied
            && workload != null
            && workload.getMetadata().getDeletionTimestamp() == null
            && ChildRenderer.runsOnce(workload);
    return inPlace ? blueprint.getMetadata().getGeneration() : before;
  }

  private static Verdict reconciling(Readiness readiness) {
    if (readiness.settled() || readiness.stall() != null) {
      return Verdict.no(Reasons.RECONCILED, "nothing is in progress");
    }
    return Verdict.yes(readiness.ready().reason(), readiness.ready().message());
  }

  private static Verdict stalled(Readiness readiness) {
    if (readiness.stall() != null) {
      return readiness.stall();
    }
    return Verdict.no(Reasons.NOT_STALLED, "");
  }

  private static String phase(Readiness readiness, Observation observed, PodConditions pods) {
    if (readiness.phase() != null) {
      return readiness.phase();
    }
    if (readiness.ready().isTrue()) {
      return Phases.READY;
    }
    if (pods.anyFailing()) {
      return Phases.DEGRADED;
    }
    if (observed.workload() == null || pods.empty() || pods.ready() == 0) {
      return Phases.PENDING;
    }
    return Phases.PROGRESSING;
  }

  private static String reason(Readiness readiness) {
    if (readiness.stall() != null) {
      return readiness.stall().reason();
    }
    return readiness.ready().isTrue() ? null : readiness.ready().reason();
  }

  private static String findings(List<String> findings) {
    List<String> shown = findings.stream().limit(MAX_FINDINGS_IN_MESSAGE).toList();
    String message = String.join("; ", shown);
    int more = findings.size() - shown.size();
    return more > 0 ? message + "; and " + more + " more" : message;
  }

  static ChildReference reference(WorkloadKind kind, String name) {
    String apiVersion =
        switch (kind) {
          case Pod -> "v1";
          case Deployment -> "apps/v1";
          case Job, CronJob -> "batch/v1";
        };
    return new ChildReference(apiVersion, kind.name(), name);
  }
}
