package io.podblueprint.status;

/**
 * What the workload child says about readiness, per kind.
 *
 * @param ready the Ready verdict
 * @param stall a Stalled=True verdict when the workload cannot progress on its own, or null
 * @param settled true when nothing is in progress (Ready, finished, suspended or idle between runs)
 * @param phase the phase this readiness implies, or null to let the aggregator pick
 * @param replicas pods wanted
 * @param readyReplicas pods ready (or, for Jobs, succeeded)
 * @param jobOutcome for Jobs: the Complete and Failed verdicts, else null
 */
record Readiness(
    Verdict ready,
    Verdict stall,
    boolean settled,
    String phase,
    Integer replicas,
    Integer readyReplicas,
    JobOutcome jobOutcome) {

  /** A Job's Complete and Failed conditions, mirrored onto the blueprint. */
  record JobOutcome(Verdict complete, Verdict failed) {}

  static Readiness progressing(Verdict ready, Integer replicas, Integer readyReplicas) {
    return new Readiness(ready, null, false, null, replicas, readyReplicas, null);
  }

  static Readiness settled(Verdict ready, String phase, Integer replicas, Integer readyReplicas) {
    return new Readiness(ready, null, true, phase, replicas, readyReplicas, null);
  }

  static Readiness stalled(Verdict reason, String phase, Integer replicas, Integer readyReplicas) {
    Verdict ready = Verdict.no(reason.reason(), reason.message());
    return new Readiness(ready, reason, true, phase, replicas, readyReplicas, null);
  }

  Readiness withJobOutcome(JobOutcome outcome) {
    return new Readiness(ready, stall, settled, phase, replicas, readyReplicas, outcome);
  }
}
