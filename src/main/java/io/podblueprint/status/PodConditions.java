package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.podblueprint.api.v1alpha1.PodSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pod-level conditions of a blueprint, summed over its pods the way kubectl would read them.
 */
final class PodConditions {
  static final int MAX_PODS = 10;
  private final List<PodHealth> pods;

  PodConditions(List<Pod> pods) {
    this.pods =
        pods.stream()
            .map(PodHealth::new)
            .sorted(
                Comparator.comparing((PodHealth p) -> p.problem().severity())
                    .thenComparing(PodHealth::name))
            .toList();
  }

  boolean empty() {
    return pods.isEmpty();
  }

  int ready() {
    return (int) pods.stream().filter(p -> p.isTrue(ConditionTypes.READY)).count();
  }

  /** The worst problem among the pods, if any pod has one. */
  Optional<PodHealth.Problem> worst() {
    return pods.stream()
        .map(PodHealth::problem)
        .filter(p -> p.severity() != PodHealth.Severity.HEALTHY)
        .findFirst();
  }

  boolean anyFailing() {
    return worst().map(p -> p.severity() == PodHealth.Severity.FAILING).orElse(false);
  }

  List<PodSummary> summaries() {
    return pods.stream().limit(MAX_PODS).map(PodHealth::summary).toList();
  }

  Verdict scheduled(String noPodsMessage) {
    if (pods.isEmpty()) {
      return Verdict.unknown(Reasons.NO_PODS, noPodsMessage);
    }
    long done =
        pods.stream().filter(p -> p.succeeded() || p.isTrue(ConditionTypes.POD_SCHEDULED)).count();
    if (done == pods.size()) {
      return Verdict.yes(Reasons.ALL_PODS_SCHEDULED, count(done) + " scheduled");
    }
    return firstFalse(
        ConditionTypes.POD_SCHEDULED, Reasons.PODS_PENDING, count(done) + " scheduled");
  }

  Verdict initialized(String noPodsMessage) {
    if (pods.isEmpty()) {
      return Verdict.unknown(Reasons.NO_PODS, noPodsMessage);
    }
    long done =
        pods.stream().filter(p -> p.succeeded() || p.isTrue(ConditionTypes.INITIALIZED)).count();
    if (done == pods.size()) {
      return Verdict.yes(Reasons.ALL_PODS_INITIALIZED, count(done) + " initialized");
    }
    return firstFalse(ConditionTypes.INITIALIZED, "PodsInitializing", count(done) + " initialized");
  }

  Verdict containersReady(String noPodsMessage) {
    if (pods.isEmpty()) {
      return Verdict.unknown(Reasons.NO_PODS, noPodsMessage);
    }
    if (pods.stream().allMatch(PodHealth::succeeded)) {
      return Verdict.no(Reasons.POD_COMPLETED, "all pods ran to completion");
    }
    long done =
        pods.stream()
            .filter(p -> p.succeeded() || p.isTrue(ConditionTypes.CONTAINERS_READY))
            .count();
    if (done == pods.size()) {
      return Verdict.yes(Reasons.ALL_CONTAINERS_READY, count(done) + " have all containers ready");
    }
    Optional<PodHealth.Problem> problem = worst();
    if (problem.isPresent() && problem.get().reason() != null) {
      return Verdict.no(problem.get().reason(), problem.get().message());
    }
    return firstFalse(
        ConditionTypes.CONTAINERS_READY, "ContainersNotReady", count(done) + " ready");
  }

  private Verdict firstFalse(String type, String fallbackReason, String summary) {
    for (PodHealth pod : pods) {
      if (!pod.isTrue(type) && !pod.succeeded()) {
        Optional<PodHealth.Problem> failing =
            Optional.of(pod.problem()).filter(p -> p.severity() == PodHealth.Severity.FAILING);
        if (failing.isPresent() && !type.equals(ConditionTypes.POD_SCHEDULED)) {
          return Verdict.no(failing.get().reason(), failing.get().message());
        }
        Optional<PodCondition> condition = pod.condition(type);
        String reason = condition.map(PodCondition::getReason).orElse(fallbackReason);
        String message = condition.map(PodCondition::getMessage).orElse(null);
        return Verdict.no(
            reason == null ? fallbackReason : reason,
            "pod " + pod.name() + ": " + (message == null ? summary : message));
      }
    }
    return Verdict.yes(fallbackReason, summary);
  }

  private String count(long done) {
    return done + "/" + pods.size() + " pods";
  }
}
