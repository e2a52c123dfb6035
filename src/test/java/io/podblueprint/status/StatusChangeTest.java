package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.GENERATION;
import static io.podblueprint.status.Fixtures.aggregate;
import static io.podblueprint.status.Fixtures.availableDeployment;
import static io.podblueprint.status.Fixtures.deployment;
import static io.podblueprint.status.Fixtures.deploymentStatus;
import static io.podblueprint.status.Fixtures.observe;
import static io.podblueprint.status.Fixtures.readyPod;
import static io.podblueprint.status.Fixtures.startingPod;
import static io.podblueprint.status.Fixtures.unschedulablePod;
import static io.podblueprint.status.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which status changes tools act on, and which are a rollout's progress detail. */
@Tag("unit")
class StatusChangeTest {
  private final PodBlueprint blueprint = Fixtures.blueprint(WorkloadKind.Deployment);

  @Test
  void theFirstStatusIsSignificant() {
    PodBlueprintStatus creating = aggregate(blueprint, observe(null));
    assertThat(StatusChange.significant(null, creating)).isTrue();
    assertThat(StatusChange.settled(creating)).isFalse();
  }

  @Test
  void aPodStartingDuringTheRolloutIsDetail() {
    PodBlueprintStatus creating = aggregate(blueprint, observe(null));
    PodBlueprintStatus starting =
        aggregate(
            withStatus(blueprint, creating),
            observe(deployment(1, deploymentStatus(GENERATION, 1, 1, 0)), startingPod("web-1")));
    assertThat(starting).isNotEqualTo(creating);
    assertThat(StatusChange.significant(creating, starting)).isFalse();
  }

  @Test
  void becomingReadyIsSignificantAndSettles() {
    PodBlueprintStatus creating = aggregate(blueprint, observe(null));
    PodBlueprintStatus ready =
        aggregate(withStatus(blueprint, creating), observe(availableDeployment(1), readyPod("w")));
    assertThat(StatusChange.significant(creating, ready)).isTrue();
    assertThat(StatusChange.settled(ready)).isTrue();
  }

  @Test
  void aNewGenerationIsSignificant() {
    PodBlueprintStatus ready = aggregate(blueprint, observe(availableDeployment(1), readyPod("w")));
    PodBlueprint changed = withStatus(blueprint, ready);
    changed.getMetadata().setGeneration(GENERATION + 1);
    PodBlueprintStatus next = aggregate(changed, observe(availableDeployment(1), readyPod("w")));
    assertThat(StatusChange.significant(ready, next)).isTrue();
  }

  @Test
  void aPodTheSchedulerCannotPlaceIsUnschedulableDetail() {
    PodBlueprintStatus creating = aggregate(blueprint, observe(null));
    PodBlueprintStatus stuck =
        aggregate(
            withStatus(blueprint, creating),
            observe(
                deployment(1, deploymentStatus(GENERATION, 1, 1, 0)),
                unschedulablePod("web-1", "0/3 nodes are available")));
    assertThat(StatusChange.significant(creating, stuck)).isFalse();
    assertThat(StatusChange.unschedulable(stuck)).isTrue();
    assertThat(StatusChange.unschedulable(creating)).isFalse();
  }

  @Test
  void aPodStartingIsNotUnschedulable() {
    PodBlueprintStatus starting =
        aggregate(
            blueprint,
            observe(deployment(1, deploymentStatus(GENERATION, 1, 1, 0)), startingPod("web-1")));
    assertThat(StatusChange.unschedulable(starting)).isFalse();
  }
}
