package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds metav1.Conditions, keeping lastTransitionTime unless the status flips; {@link #find} reads
 * one back.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final Long generation;
  private final String now;

  Conditions(List<Condition> previous, Long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The condition of that type in a blueprint's status (none when there is no status yet). */
  public static Optional<Condition> find(PodBlueprintStatus status, String type) {
    if (status == null || status.conditions == null) {
      return Optional.empty();
    }
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** True when that condition is present with status True. */
  public static boolean isTrue(PodBlueprintStatus status, String type) {
    return find(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  Condition of(String type, Verdict verdict) {
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && verdict.status().equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(verdict.status())
        .withReason(verdict.reason())
        .withMessage(verdict.message() == null ? "" : verdict.message())
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
