package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import java.util.Optional;

/**
 * Readiness of a run (a Job, a bare Pod that runs to completion) that ran for this generation and
 * is gone: what the last status said of it is kept, as the run is not repeated.
 */
final class RunOutcome {
  private RunOutcome() {}

  static Readiness of(String child, PodBlueprintStatus previous, Long generation) {
    Optional<Condition> failed = at(previous, ConditionTypes.FAILED, generation);
    if (failed.isPresent()) {
      Verdict why = Verdict.yes(failed.get().getReason(), failed.get().getMessage());
      return Readiness.stalled(why, Phases.FAILED, null, null)
          .withJobOutcome(new Readiness.JobOutcome(Verdict.no(why.reason(), why.message()), why));
    }
    Optional<Condition> complete = at(previous, ConditionTypes.COMPLETE, generation);
    if (complete.isPresent()) {
      String message = complete.get().getMessage();
      Verdict done = Verdict.yes(complete.get().getReason(), message);
      return Readiness.settled(done, Phases.SUCCEEDED, null, null)
          .withJobOutcome(new Readiness.JobOutcome(done, Verdict.no(done.reason(), message)));
    }
    if (previous != null
        && generation.equals(previous.observedGeneration)
        && (Phases.SUCCEEDED.equals(previous.phase) || Phases.FAILED.equals(previous.phase))) {
      String message = child + " ran to completion (" + previous.phase + ") and is gone since";
      // Settled either way, so never InProgress to kstatus: a success stays Ready (Current), a
      // failure stays Stalled (Failed), as while the run still existed.
      if (Phases.FAILED.equals(previous.phase)) {
        return Readiness.stalled(
            Verdict.yes(Reasons.RUN_DELETED, message), Phases.FAILED, null, null);
      }
      return Readiness.settled(
          Verdict.yes(Reasons.POD_COMPLETED, message), Phases.SUCCEEDED, null, null);
    }
    String message =
        child
            + " ran for generation "
            + generation
            + " and was deleted before the operator saw it finish; it is not run again for this"
            + " generation";
    // Nothing more will happen for this generation: Ready (kstatus Current, Argo CD Healthy), with
    // the reason saying the outcome was not seen.
    return Readiness.settled(
        Verdict.yes(Reasons.RUN_DELETED, message), Phases.FINISHED, null, null);
  }

  private static Optional<Condition> at(PodBlueprintStatus status, String type, Long generation) {
    return Conditions.find(status, type)
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> generation.equals(c.getObservedGeneration()));
  }
}
