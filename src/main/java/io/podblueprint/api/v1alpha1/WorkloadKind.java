package io.podblueprint.api.v1alpha1;

/** The kind of child that runs a blueprint's pod template. */
public enum WorkloadKind {
  Pod,
  Deployment,
  Job,
  CronJob;

  /** Whether pods of this kind run to completion (restartPolicy Never or OnFailure). */
  public boolean runsToCompletion() {
    return this == Job || this == CronJob;
  }
}
