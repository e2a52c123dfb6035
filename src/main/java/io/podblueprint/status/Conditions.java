package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Builds metav1.Conditions, keeping lastTransitionTime unless the status flips. */
final class Conditions {
  private final List<Condition> previous;
  private final Long generation;
  private final String now;

  Conditions(List<Condition> previous, Long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
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
