package io.podblueprint.status;

import java.util.Set;

/**
 * The operator's own condition reasons. Reasons observed on pods and children (Unschedulable,
 * ImagePullBackOff, CrashLoopBackOff, OOMKilled, BackoffLimitExceeded, DeadlineExceeded,
 * ProgressDeadlineExceeded, FailedCreate, ...) are passed through unchanged.
 */
public final class Reasons {
  public static final String ALL_PODS_SCHEDULED = "AllPodsScheduled";
  public static final String ALL_PODS_INITIALIZED = "AllPodsInitialized";
  public static final String ALL_CONTAINERS_READY = "AllContainersReady";
  public static final String NO_PODS = "NoPods";
  public static final String PODS_PENDING = "PodsPending";
  public static final String POD_READY = "PodReady";
  public static final String ALL_REPLICAS_READY = "AllReplicasReady";
  public static final String REPLICAS_NOT_READY = "ReplicasNotReady";
  public static final String ROLLING_OUT = "RollingOut";
  public static final String JOB_COMPLETE = "JobComplete";
  public static final String JOB_RUNNING = "JobRunning";
  public static final String SCHEDULED = "Scheduled";
  public static final String SUSPENDED = "Suspended";
  public static final String LAST_RUN_FAILED = "LastRunFailed";
  public static final String RUN_FAILING = "RunFailing";
  public static final String CREATING = "Creating";
  public static final String REPLACING = "Replacing";
  public static final String RUN_DELETED = "RunDeleted";
  public static final String WAITING_FOR_CHILD = "WaitingForChild";
  public static final String OBSERVED = "Observed";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CHILD_REFUSED = "ChildRefused";
  public static final String APPLY_FAILED = "ApplyFailed";
  public static final String POD_COMPLETED = "PodCompleted";
  public static final String POD_FAILED = "PodFailed";
  public static final String NOT_STALLED = "NotStalled";
  public static final String RECONCILED = "Reconciled";

  /** A controller could not create pods (Pod Security, quota...); passed through as it says. */
  public static final String FAILED_CREATE = "FailedCreate";

  /** Waiting or terminated container reasons that mean the pod cannot get Ready on its own. */
  public static final Set<String> CONTAINER_FAILURES =
      Set.of(
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError",
          "OOMKilled",
          "Error");

  private Reasons() {}
}
