package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Conditions;
import io.podblueprint.status.Reasons;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns status transitions into Events, so `kubectl describe pbp` tells the story: a Warning when
 * the blueprint stalls or a pod starts failing, a Normal event when it becomes Ready.
 */
final class StatusEvents {
  private final EventRecorder events;

  StatusEvents(EventRecorder events) {
    this.events = events;
  }

  void onChange(PodBlueprint blueprint, PodBlueprintStatus before, PodBlueprintStatus after) {
    Optional<Condition> stalled = changed(before, after, ConditionTypes.STALLED);
    String warned = null;
    if (stalled.isPresent() && "True".equals(stalled.get().getStatus())) {
      warned = stalled.get().getReason();
      if (Reasons.INVALID_SPEC.equals(stalled.get().getReason())) {
        events.warning(blueprint, Reasons.INVALID_SPEC, stalled.get().getMessage());
      } else if (!Reasons.CHILD_REFUSED.equals(stalled.get().getReason())) {
        events.warning(blueprint, stalled.get().getReason(), stalled.get().getMessage());
      }
    }
    Optional<Condition> ready = changed(before, after, ConditionTypes.READY);
    if (ready.isPresent()) {
      Condition c = ready.get();
      if ("True".equals(c.getStatus())) {
        events.normal(blueprint, c.getReason(), c.getMessage());
      } else if ((Reasons.CONTAINER_FAILURES.contains(c.getReason())
              || "Unschedulable".equals(c.getReason()))
          && !c.getReason().equals(warned)) {
        // A failing container also stalls a Pod or Deployment blueprint: one Warning, not two.
        events.warning(blueprint, c.getReason(), c.getMessage());
      }
    }
  }

  /** The condition of that type in after, if its status or reason differs from before. */
  private static Optional<Condition> changed(
      PodBlueprintStatus before, PodBlueprintStatus after, String type) {
    Optional<Condition> now = find(after, type);
    Optional<Condition> then = find(before, type);
    if (now.isEmpty()) {
      return Optional.empty();
    }
    boolean same =
        then.isPresent()
            && Objects.equals(then.get().getStatus(), now.get().getStatus())
            && Objects.equals(then.get().getReason(), now.get().getReason());
    return same ? Optional.empty() : now;
  }

  private static Optional<Condition> find(PodBlueprintStatus status, String type) {
    return Conditions.find(status, type);
  }
}
