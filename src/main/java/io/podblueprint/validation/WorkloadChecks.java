package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.quoted;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;

/** The pods' restartPolicy suits the workload kind, and a CronJob has a usable schedule. */
final class WorkloadChecks {
  static final String RESTART_POLICY = PodSpecs.POD + ".restartPolicy";
  static final String SCHEDULE = "spec.cronJob.schedule";
  private static final List<String> POLICIES = PodRules.RESTART_POLICIES;

  private WorkloadChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    WorkloadKind kind = spec.workloadOrDefault();
    restartPolicy(kind, PodSpecs.pod(spec), out);
    if (kind == WorkloadKind.CronJob) {
      schedule(spec.cronJob == null ? null : spec.cronJob.schedule, out);
    }
  }

  private static void restartPolicy(WorkloadKind kind, PodSpec pod, List<Finding> out) {
    String policy = pod == null ? null : pod.getRestartPolicy();
    if (policy == null) {
      return;
    }
    if (!POLICIES.contains(policy)) {
      out.add(
          new Finding(
              RESTART_POLICY,
              quoted(policy) + " is not supported: use Always, OnFailure or Never"));
    } else if (kind.runsToCompletion() && policy.equals("Always")) {
      out.add(
          new Finding(
              RESTART_POLICY,
              "a "
                  + kind
                  + "'s pods must use Never or OnFailure (or leave it unset for Never),"
                  + " not Always"));
    } else if (kind == WorkloadKind.Deployment && !policy.equals("Always")) {
      out.add(
          new Finding(
              RESTART_POLICY,
              "a Deployment's pods must use Always (or leave it unset), not " + policy));
    }
  }

  private static void schedule(String schedule, List<Finding> out) {
    if (schedule == null || schedule.isBlank()) {
      out.add(
          new Finding(
              SCHEDULE,
              "is required when spec.workload is CronJob, for example \"*/5 * * * *\" or"
                  + " \"@hourly\""));
      return;
    }
    CronSchedule.problem(schedule).ifPresent(problem -> out.add(new Finding(SCHEDULE, problem)));
  }
}
