package io.podblueprint.reconcile;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.status.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces a rollout's progress detail: a status that changes what tools act on (the first status, a
 * new generation, Ready, Reconciling, Stalled, Complete, Failed) is written at once; a change of
 * detail only (a reason, a pod's phase, a count) at most once per interval per blueprint, the
 * reconcile being rescheduled for the rest of the interval so the latest detail is written then.
 *
 * <p>Without it each step of a pod's start (created, scheduled, running, ready) was a status write:
 * 4.8 per Deployment blueprint at 300 blueprints, more for Jobs. The price: during a rollout the
 * detail and a detail condition's lastTransitionTime may lag by up to the interval.
 */
final class StatusPacing {
  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final int PURGE_ABOVE = 1024;

  private final Duration interval;
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

  StatusPacing(Duration interval) {
    this.interval = interval;
  }

  /** How long to hold this status back, or empty to write it now. */
  Optional<Duration> holdBack(PodBlueprint blueprint, PodBlueprintStatus next, Instant now) {
    if (StatusChange.significant(blueprint.getStatus(), next)) {
      return Optional.empty();
    }
    Instant last = lastWrite.get(blueprint.getMetadata().getUid());
    if (last == null) {
      return Optional.empty();
    }
    Duration since = Duration.between(last, now);
    return since.compareTo(interval) >= 0 ? Optional.empty() : Optional.of(interval.minus(since));
  }

  /**
   * Records a write. A settled blueprint is forgotten, so the map holds rollouts only; entries
   * older than the interval hold nothing back and are dropped when the map grows (a blueprint
   * deleted in the middle of its rollout leaves one behind).
   */
  void written(PodBlueprint blueprint, PodBlueprintStatus status, Instant now) {
    String uid = blueprint.getMetadata().getUid();
    if (StatusChange.settled(status)) {
      lastWrite.remove(uid);
    } else {
      lastWrite.put(uid, now);
    }
    if (lastWrite.size() > PURGE_ABOVE) {
      Instant expired = now.minus(interval);
      lastWrite.values().removeIf(at -> !at.isAfter(expired));
    }
  }

  int tracked() {
    return lastWrite.size();
  }
}
