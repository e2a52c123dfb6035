package io.podblueprint.reconcile;

import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When to apply again after a refusal that may clear without a change to the blueprint: after as
 * long as the blueprint has been stalled, at least {@link #FIRST} and at most {@link #LONGEST}. So
 * the checks back off (5, 5, 10, 20, 40, 60, 60 ... seconds) with no state beyond the status.
 */
final class RefusalRecheck {
  static final Duration FIRST = Duration.ofSeconds(5);
  static final Duration LONGEST = Duration.ofSeconds(60);

  private RefusalRecheck() {}

  static Duration after(PodBlueprintStatus status, Instant now) {
    Duration stalled =
        Conditions.find(status, ConditionTypes.STALLED)
            .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(
                c ->
                    Duration.between(
                        ZonedDateTime.parse(c.getLastTransitionTime()).toInstant(), now))
            .orElse(Duration.ZERO);
    if (stalled.compareTo(FIRST) < 0) {
      return FIRST;
    }
    return stalled.compareTo(LONGEST) > 0 ? LONGEST : stalled;
  }
}
