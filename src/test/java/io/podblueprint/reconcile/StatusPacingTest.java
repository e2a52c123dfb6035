package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatusPacingTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private final StatusPacing pacing = new StatusPacing(Duration.ofSeconds(10));

  @Test
  void detailIsHeldBackForTheRestOfTheIntervalAfterAWrite() {
    PodBlueprint blueprint = blueprint(null);
    PodBlueprintStatus creating = status("False", "Creating", "True");
    assertThat(pacing.holdBack(blueprint, creating, T0)).isEmpty(); // the first status
    pacing.written(blueprint, creating, T0);

    blueprint.setStatus(creating);
    PodBlueprintStatus starting = status("False", "PodPending", "True");
    assertThat(pacing.holdBack(blueprint, starting, T0.plusSeconds(3)))
        .contains(Duration.ofSeconds(7));
    assertThat(pacing.holdBack(blueprint, starting, T0.plusSeconds(10))).isEmpty();
  }

  @Test
  void aSignificantChangeIsNeverHeldBack() {
    PodBlueprint blueprint = blueprint(null);
    PodBlueprintStatus creating = status("False", "Creating", "True");
    pacing.written(blueprint, creating, T0);
    blueprint.setStatus(creating);
    assertThat(pacing.holdBack(blueprint, status("True", "Ready", "False"), T0.plusSeconds(1)))
        .isEmpty();
  }

  @Test
  void aSettledBlueprintIsForgottenSoItsNextChangeIsWrittenAtOnce() {
    PodBlueprint blueprint = blueprint(null);
    PodBlueprintStatus ready = status("True", "Ready", "False");
    pacing.written(blueprint, ready, T0);
    blueprint.setStatus(status("False", "PodPending", "True"));
    assertThat(pacing.holdBack(blueprint, status("False", "Unschedulable", "True"), T0)).isEmpty();
  }

  @Test
  void entriesOfBlueprintsDeletedMidRolloutAreDroppedOnceExpired() {
    PodBlueprintStatus creating = status("False", "Creating", "True");
    for (int i = 0; i <= StatusPacing.PURGE_ABOVE; i++) {
      PodBlueprint gone = blueprint(null);
      gone.getMetadata().setUid("gone-" + i);
      pacing.written(gone, creating, T0);
    }
    PodBlueprint current = blueprint(null);
    pacing.written(current, creating, T0.plusSeconds(11));
    assertThat(pacing.tracked()).isEqualTo(1);
    current.setStatus(creating);
    assertThat(pacing.holdBack(current, status("False", "PodPending", "True"), T0.plusSeconds(12)))
        .contains(Duration.ofSeconds(9));
  }

  private static PodBlueprint blueprint(PodBlueprintStatus status) {
    PodBlueprint blueprint = new PodBlueprint();
    blueprint.setMetadata(
        new ObjectMetaBuilder().withName("web").withUid("uid-1").withGeneration(1L).build());
    blueprint.setStatus(status);
    return blueprint;
  }

  private static PodBlueprintStatus status(String ready, String reason, String reconciling) {
    PodBlueprintStatus status = new PodBlueprintStatus();
    status.observedGeneration = 1L;
    status.conditions =
        List.of(condition("Ready", ready, reason), condition("Reconciling", reconciling, reason));
    return status;
  }

  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).build();
  }
}
