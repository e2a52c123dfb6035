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
 * Paces a rollout's progress detail. A status that changes what tools act on (the first status, a
 * new generation, Ready, Reconciling, Stalled, Complete, Failed) is written at once, with all the
 * detail of that moment. A change of detail only (a reason, a pod's phase, a count) is held back
 * while the rollout is under way, except for one detail write per rollout: at once when a pod
 * cannot be scheduled (a rollout that will not get past it by itself), else once the written detail
 * has been behind for {@link #DETAIL_AFTER}, so a slow rollout says where it is and {@code kubectl
 * describe} is never more than that behind. The clock starts at the first change held back, not at
 * the rollout's start: while the controllers have not acted yet (no pod, no new status on the
 * child), the detail of the first status is still true. A settled blueprint's changes are written
 * at once, so the status is exact whenever nothing is in progress.
 *
 * <p>Before, the detail was written every 10 s: 3.75 status writes per Deployment blueprint at 1000
 * blueprints, where the first and the final status are the floor. The price: during a rollout
 * {@code kubectl describe} may show the detail of its first status (or of its one detail write).
 */
final class StatusPacing {
  static final Duration DETAIL_AFTER = Duration.ofMinutes(2);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final int PURGE_ABOVE = 4096;

  /** Write now, or hold back (and reconcile again after {@code recheck}, if present). */
  record Decision(boolean write, Optional<Duration> recheck) {
    static final Decision WRITE = new Decision(true, Optional.empty());
    static final Decision HOLD = new Decision(false, Optional.empty());

    static Decision holdFor(Duration duration) {
      return new Decision(false, Optional.of(duration));
    }
  }

  /** {@code heldSince}: when a change of detail was first held back (null: none yet). */
  private record Rollout(long generation, Instant start, Instant heldSince, boolean detailWritten) {
    Rollout holding(Instant now) {
      return heldSince == null ? new Rollout(generation, start, now, detailWritten) : this;
    }
  }

  private final Duration detailAfter;
  private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();

  StatusPacing(Duration detailAfter) {
    this.detailAfter = detailAfter;
  }

  Decision decide(PodBlueprint blueprint, PodBlueprintStatus next, Instant now) {
    PodBlueprintStatus stored = blueprint.getStatus();
    if (StatusChange.significant(stored, next) || StatusChange.settled(stored)) {
      return Decision.WRITE;
    }
    // Not tracked: the operator started during this rollout, which starts its clock now.
    Rollout rollout = rollouts.computeIfAbsent(uid(blueprint), u -> begin(blueprint, now));
    if (rollout.detailWritten()) {
      return Decision.HOLD; // the next verdict change writes the latest detail
    }
    if (StatusChange.unschedulable(next)) {
      return Decision.WRITE;
    }
    Rollout held = rollout.holding(now);
    rollouts.put(uid(blueprint), held);
    Duration left = Duration.between(now, held.heldSince().plus(detailAfter));
    return left.isNegative() || left.isZero() ? Decision.WRITE : Decision.holdFor(left);
  }

  /** Records a write of {@code written} over {@code before}. A settled blueprint is forgotten. */
  void written(
      PodBlueprint blueprint, PodBlueprintStatus before, PodBlueprintStatus written, Instant now) {
    String uid = uid(blueprint);
    if (StatusChange.settled(written)) {
      rollouts.remove(uid);
    } else if (StatusChange.significant(before, written)) {
      Rollout rollout = rollouts.get(uid);
      if (rollout == null || rollout.generation() != generation(blueprint)) {
        rollouts.put(uid, begin(blueprint, now));
      }
    } else {
      Rollout rollout = rollouts.getOrDefault(uid, begin(blueprint, now));
      rollouts.put(uid, new Rollout(rollout.generation(), rollout.start(), now, true));
    }
    if (rollouts.size() > PURGE_ABOVE) {
      // A blueprint deleted during its rollout leaves its entry behind.
      Instant expired = now.minus(FORGET_AFTER);
      rollouts.values().removeIf(r -> !r.start().isAfter(expired));
    }
  }

  int tracked() {
    return rollouts.size();
  }

  private static Rollout begin(PodBlueprint blueprint, Instant now) {
    return new Rollout(generation(blueprint), now, null, false);
  }

  private static long generation(PodBlueprint blueprint) {
    Long generation = blueprint.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static String uid(PodBlueprint blueprint) {
    return blueprint.getMetadata().getUid();
  }
}
