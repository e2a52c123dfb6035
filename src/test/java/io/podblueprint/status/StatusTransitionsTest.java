package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.GENERATION;
import static io.podblueprint.status.Fixtures.NOW;
import static io.podblueprint.status.Fixtures.condition;
import static io.podblueprint.status.Fixtures.readyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Generations, lastTransitionTime bookkeeping, and determinism. */
@Tag("unit")
class StatusTransitionsTest {
  private static final Instant LATER = NOW.plusSeconds(90);
  private static final Instant MUCH_LATER = NOW.plusSeconds(3600);

  private static Map<String, String> times(PodBlueprintStatus status) {
    return status.conditions.stream()
        .collect(Collectors.toMap(Condition::getType, Condition::getLastTransitionTime));
  }

  @Test
  void everyConditionCarriesTheGeneration() {
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Job);
    blueprint.getMetadata().setGeneration(7L);

    PodBlueprintStatus status =
        Fixtures.aggregate(
            blueprint,
            Fixtures.observe(Fixtures.job("web", Fixtures.BEFORE, Fixtures.jobComplete())));

    assertThat(status.observedGeneration).isEqualTo(7L);
    assertThat(status.conditions).hasSize(8);
    assertThat(status.conditions)
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(7L));
  }

  @Test
  void newConditionsGetNowTruncatedToSeconds() {
    PodBlueprintStatus status =
        StatusAggregator.aggregate(
            Fixtures.blueprint(WorkloadKind.Pod),
            Fixtures.observe(null),
            Instant.parse("2025-03-01T12:00:00.987654Z"));

    assertThat(status.conditions)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-01T12:00:00Z"));
  }

  @Test
  void sameInputsLaterGiveTheSameStatus() {
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Deployment);
    Observation observed =
        Fixtures.observe(Fixtures.availableDeployment(2), readyPod("web-1"), readyPod("web-2"));

    PodBlueprintStatus first = StatusAggregator.aggregate(blueprint, observed, NOW);
    PodBlueprintStatus second =
        StatusAggregator.aggregate(Fixtures.withStatus(blueprint, first), observed, LATER);

    assertThat(second).isEqualTo(first);
    assertThat(second.hashCode()).isEqualTo(first.hashCode());
    assertThat(times(second).values()).containsOnly(NOW.toString());
  }

  @Test
  void onlyConditionsThatFlipGetANewTransitionTime() {
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Pod);
    Pod ready = readyPod("web");
    PodBlueprintStatus first =
        StatusAggregator.aggregate(blueprint, Fixtures.observe(ready, ready), NOW);

    Pod unready = Fixtures.unreadyPod("web");
    PodBlueprintStatus second =
        StatusAggregator.aggregate(
            Fixtures.withStatus(blueprint, first), Fixtures.observe(unready, unready), LATER);

    assertThat(second).isNotEqualTo(first);
    assertThat(condition(second, ConditionTypes.READY).getStatus()).isEqualTo("False");
    assertThat(times(second))
        .containsEntry(ConditionTypes.POD_SCHEDULED, NOW.toString())
        .containsEntry(ConditionTypes.INITIALIZED, NOW.toString())
        .containsEntry(ConditionTypes.STALLED, NOW.toString())
        .containsEntry(ConditionTypes.CONTAINERS_READY, LATER.toString())
        .containsEntry(ConditionTypes.READY, LATER.toString())
        .containsEntry(ConditionTypes.RECONCILING, LATER.toString());

    // And back: the flipped ones move again, the others still keep their first time.
    PodBlueprintStatus third =
        StatusAggregator.aggregate(
            Fixtures.withStatus(blueprint, second), Fixtures.observe(ready, ready), MUCH_LATER);
    assertThat(times(third))
        .containsEntry(ConditionTypes.POD_SCHEDULED, NOW.toString())
        .containsEntry(ConditionTypes.READY, MUCH_LATER.toString())
        .containsEntry(ConditionTypes.RECONCILING, MUCH_LATER.toString());
  }

  @Test
  void aReasonChangeWithoutAStatusFlipKeepsTheTime() {
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Pod);
    Pod starting = Fixtures.startingPod("web");
    PodBlueprintStatus first =
        StatusAggregator.aggregate(blueprint, Fixtures.observe(starting, starting), NOW);

    Pod crashing = Fixtures.crashLoopPod("web");
    PodBlueprintStatus second =
        StatusAggregator.aggregate(
            Fixtures.withStatus(blueprint, first), Fixtures.observe(crashing, crashing), LATER);

    Condition ready = condition(second, ConditionTypes.READY);
    assertThat(ready.getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(ready.getLastTransitionTime()).isEqualTo(NOW.toString());
  }

  @Test
  void aNewGenerationIsObservedOnEveryCondition() {
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Deployment);
    Deployment deployment = Fixtures.availableDeployment(2);
    Observation observed = Fixtures.observe(deployment, readyPod("web-1"), readyPod("web-2"));
    PodBlueprintStatus first = StatusAggregator.aggregate(blueprint, observed, NOW);

    PodBlueprint edited = Fixtures.withStatus(blueprint, first);
    edited.getMetadata().setGeneration(GENERATION + 1);
    PodBlueprintStatus second = StatusAggregator.aggregate(edited, observed, LATER);

    assertThat(second.observedGeneration).isEqualTo(GENERATION + 1);
    assertThat(second.conditions)
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(GENERATION + 1);
              assertThat(c.getLastTransitionTime()).isEqualTo(NOW.toString());
            });
  }

  @Test
  void previousConditionWithoutATransitionTimeGetsNow() {
    // metav1.Condition requires lastTransitionTime, but the CRD schema does not enforce it: a
    // status written by hand (kubectl edit --subresource=status) or by an older build can lack it.
    PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Deployment);
    Observation observed = Fixtures.observe(null);
    PodBlueprintStatus first = StatusAggregator.aggregate(blueprint, observed, NOW);
    first.conditions.forEach(c -> c.setLastTransitionTime(null));

    PodBlueprintStatus second =
        StatusAggregator.aggregate(Fixtures.withStatus(blueprint, first), observed, LATER);

    assertThat(times(second).values()).containsOnly(LATER.toString());
  }

  @Test
  void sameInputsGiveEqualStatus() {
    List<Pod> pods =
        List.of(
            readyPod("web-1"),
            Fixtures.crashLoopPod("web-2"),
            Fixtures.imagePullBackOffPod("web-3"),
            Fixtures.unschedulablePod("web-4", Fixtures.UNSCHEDULABLE));
    Deployment deployment = Fixtures.deployment(4, Fixtures.deploymentStatus(GENERATION, 4, 4, 1));
    List<Pod> reversed = new ArrayList<>(pods);
    Collections.reverse(reversed);

    PodBlueprintStatus a =
        Fixtures.aggregate(
            WorkloadKind.Deployment, Fixtures.observe(deployment, pods.toArray(Pod[]::new)));
    PodBlueprintStatus b =
        Fixtures.aggregate(
            WorkloadKind.Deployment, Fixtures.observe(deployment, reversed.toArray(Pod[]::new)));

    assertThat(b).isEqualTo(a);
    assertThat(condition(a, ConditionTypes.CONTAINERS_READY).getReason())
        .isEqualTo("CrashLoopBackOff");
  }
}
