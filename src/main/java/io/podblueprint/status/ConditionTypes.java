package io.podblueprint.status;

/** The condition types a blueprint reports (metav1.Condition shape, kstatus-compatible). */
public final class ConditionTypes {
  public static final String POD_SCHEDULED = "PodScheduled";
  public static final String INITIALIZED = "Initialized";
  public static final String CONTAINERS_READY = "ContainersReady";
  public static final String READY = "Ready";

  /** kstatus: True while the operator or Kubernetes is still working towards the spec. */
  public static final String RECONCILING = "Reconciling";

  /** kstatus: True when no progress is possible without a change to the spec. */
  public static final String STALLED = "Stalled";

  /** Jobs only: mirrors the Job's Complete condition. */
  public static final String COMPLETE = "Complete";

  /** Jobs only: mirrors the Job's Failed condition. */
  public static final String FAILED = "Failed";

  private ConditionTypes() {}
}
