package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import java.util.List;
import java.util.Objects;

/**
 * Pure: does a new status change what tools act on? kstatus (Flux, kubectl wait, Argo CD's health
 * check) reads status.observedGeneration and the status of Ready, Reconciling, Stalled, Complete
 * and Failed. A change of anything else while a rollout is under way (a reason, a message, a pod's
 * phase, a count) is progress detail.
 */
public final class StatusChange {
  static final List<String> SIGNALS =
      List.of(
          ConditionTypes.READY,
          ConditionTypes.RECONCILING,
          ConditionTypes.STALLED,
          ConditionTypes.COMPLETE,
          ConditionTypes.FAILED);

  private StatusChange() {}

  public static boolean significant(PodBlueprintStatus before, PodBlueprintStatus after) {
    if (before == null || after == null) {
      return true;
    }
    if (!Objects.equals(before.observedGeneration, after.observedGeneration)
        || !Objects.equals(before.runGeneration, after.runGeneration)) {
      return true;
    }
    return SIGNALS.stream().anyMatch(type -> !Objects.equals(of(before, type), of(after, type)));
  }

  /** True when nothing is in progress: Reconciling is False (or absent). */
  public static boolean settled(PodBlueprintStatus status) {
    return status != null && !Conditions.isTrue(status, ConditionTypes.RECONCILING);
  }

  /**
   * True when the scheduler said why it cannot place a pod (Unschedulable, SchedulingGated...):
   * PodScheduled is False with its reason, not merely waiting for the scheduler (PodsPending).
   */
  public static boolean unschedulable(PodBlueprintStatus status) {
    return Conditions.find(status, ConditionTypes.POD_SCHEDULED)
        .filter(c -> "False".equals(c.getStatus()))
        .filter(c -> c.getReason() != null && !Reasons.PODS_PENDING.equals(c.getReason()))
        .isPresent();
  }

  private static String of(PodBlueprintStatus status, String type) {
    return Conditions.find(status, type).map(Condition::getStatus).orElse(null);
  }
}
