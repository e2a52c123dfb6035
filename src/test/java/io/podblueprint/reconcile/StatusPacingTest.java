package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.reconcile.StatusPacing.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatusPacingTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final Duration AFTER = Duration.ofSeconds(120);
  private final StatusPacing pacing = new StatusPacing(AFTER);
  private final PodBlueprint blueprint = blueprint();

  @Test
  void aRolloutOfFirstDetailAndFinalStatusIsTwoWrites() {
    List<PodBlueprintStatus> seen = new ArrayList<>();
    seen.add(status("False", "Creating", "True"));
    seen.add(status("False", "ReplicasNotReady", "True"));
    seen.add(scheduled(status("False", "ContainerCreating", "True"), "True", "AllPodsScheduled"));
    seen.add(scheduled(status("False", "ContainersNotReady", "True"), "True", "AllPodsScheduled"));
    seen.add(status("True", "AllReplicasReady", "False"));
    int writes = 0;
    for (int i = 0; i < seen.size(); i++) {
      writes += offer(seen.get(i), T0.plusSeconds(10L * i)) ? 1 : 0;
    }
    assertThat(writes).isEqualTo(2);
    assertThat(blueprint.getStatus()).isEqualTo(seen.get(seen.size() - 1));
    assertThat(pacing.tracked()).isZero();
  }

  @Test
  void detailIsHeldBackUntilItHasBeenBehindLongEnoughThenWrittenOnce() {
    offer(status("False", "Creating", "True"), T0);
    Decision early =
        pacing.decide(blueprint, status("False", "PodPending", "True"), T0.plusSeconds(30));
    assertThat(early.write()).isFalse();
    assertThat(early.recheck()).contains(AFTER); // from the first change held back
    Decision next =
        pacing.decide(blueprint, status("False", "ContainerCreating", "True"), T0.plusSeconds(100));
    assertThat(next.recheck()).contains(Duration.ofSeconds(50));

    assertThat(offer(status("False", "ContainerCreating", "True"), T0.plusSeconds(149))).isFalse();
    assertThat(offer(status("False", "ContainerCreating", "True"), T0.plusSeconds(150))).isTrue();
    Decision later =
        pacing.decide(
            blueprint, status("False", "ContainersNotReady", "True"), T0.plusSeconds(400));
    assertThat(later.write()).isFalse();
    assertThat(later.recheck()).isEmpty(); // the next verdict change carries the detail
  }

  @Test
  void aRolloutWhoseControllersActLateIsNotADetailWriteWhileItsFirstStatusIsStillTrue() {
    // A busy controller manager: nothing changes for 100 s, then the pod comes and is ready soon.
    offer(status("False", "Creating", "True"), T0);
    assertThat(offer(status("False", "PodPending", "True"), T0.plusSeconds(100))).isFalse();
    assertThat(offer(status("False", "ContainersNotReady", "True"), T0.plusSeconds(130))).isFalse();
    assertThat(offer(status("True", "Ready", "False"), T0.plusSeconds(190))).isTrue();
  }

  @Test
  void aPodTheSchedulerCannotPlaceIsShownAtOnceButOnlyOnce() {
    offer(status("False", "Creating", "True"), T0);
    PodBlueprintStatus unschedulable =
        scheduled(status("False", "PodPending", "True"), "False", "Unschedulable");
    assertThat(offer(unschedulable, T0.plusSeconds(1))).isTrue();
    PodBlueprintStatus other =
        scheduled(status("False", "PodPending", "True"), "False", "SchedulingGated");
    assertThat(pacing.decide(blueprint, other, T0.plusSeconds(2)).write()).isFalse();
  }

  @Test
  void podsWaitingForTheSchedulerAreProgressNotAProblem() {
    offer(status("False", "Creating", "True"), T0);
    PodBlueprintStatus waiting =
        scheduled(status("False", "PodPending", "True"), "False", "PodsPending");
    assertThat(pacing.decide(blueprint, waiting, T0.plusSeconds(1)).write()).isFalse();
  }

  @Test
  void aSignificantChangeIsNeverHeldBack() {
    offer(status("False", "Creating", "True"), T0);
    offer(status("False", "PodPending", "True"), T0.plusSeconds(10)); // held back
    assertThat(offer(status("False", "PodPending", "True"), T0.plusSeconds(130))).isTrue();
    assertThat(pacing.decide(blueprint, status("True", "Ready", "False"), T0.plusSeconds(131)))
        .isEqualTo(Decision.WRITE);
  }

  @Test
  void aNewGenerationIsANewRolloutWithItsOwnDetailWrite() {
    offer(status("False", "Creating", "True"), T0);
    offer(status("False", "PodPending", "True"), T0.plusSeconds(10));
    assertThat(offer(status("False", "PodPending", "True"), T0.plusSeconds(200))).isTrue();
    blueprint.getMetadata().setGeneration(2L);
    PodBlueprintStatus second = status("False", "Creating", "True");
    second.observedGeneration = 2L;
    assertThat(offer(second, T0.plusSeconds(300))).isTrue();
    PodBlueprintStatus detail = status("False", "PodPending", "True");
    detail.observedGeneration = 2L;
    assertThat(pacing.decide(blueprint, detail, T0.plusSeconds(310)).recheck()).contains(AFTER);
  }

  @Test
  void aSettledBlueprintsDetailIsWrittenAtOnce() {
    offer(status("True", "Ready", "False"), T0);
    PodBlueprintStatus restarted = status("True", "Ready", "False");
    restarted.ready = "1/1 (restarted)";
    assertThat(pacing.decide(blueprint, restarted, T0.plusSeconds(1))).isEqualTo(Decision.WRITE);
  }

  @Test
  void aRolloutFoundUnderWayAfterARestartStartsItsClockThen() {
    blueprint.setStatus(status("False", "Creating", "True")); // written by an earlier process
    Decision decision =
        pacing.decide(blueprint, status("False", "PodPending", "True"), T0.plusSeconds(5));
    assertThat(decision.recheck()).contains(AFTER);
  }

  @Test
  void entriesOfBlueprintsDeletedMidRolloutAreDroppedOnceForgotten() {
    PodBlueprintStatus creating = status("False", "Creating", "True");
    for (int i = 0; i <= StatusPacing.PURGE_ABOVE; i++) {
      PodBlueprint gone = blueprint();
      gone.getMetadata().setUid("gone-" + i);
      pacing.written(gone, null, creating, T0);
    }
    pacing.written(blueprint, null, creating, T0.plus(StatusPacing.FORGET_AFTER).plusSeconds(1));
    assertThat(pacing.tracked()).isEqualTo(1);
  }

  /** Offers a status as the reconciler does; returns whether it was written. */
  private boolean offer(PodBlueprintStatus next, Instant now) {
    if (!pacing.decide(blueprint, next, now).write()) {
      return false;
    }
    PodBlueprintStatus before = blueprint.getStatus();
    blueprint.setStatus(next);
    pacing.written(blueprint, before, next, now);
    return true;
  }

  private static PodBlueprint blueprint() {
    PodBlueprint blueprint = new PodBlueprint();
    blueprint.setMetadata(
        new ObjectMetaBuilder().withName("web").withUid("uid-1").withGeneration(1L).build());
    return blueprint;
  }

  private static PodBlueprintStatus status(String ready, String reason, String reconciling) {
    PodBlueprintStatus status = new PodBlueprintStatus();
    status.observedGeneration = 1L;
    status.conditions =
        List.of(condition("Ready", ready, reason), condition("Reconciling", reconciling, reason));
    return status;
  }

  private static PodBlueprintStatus scheduled(
      PodBlueprintStatus status, String scheduled, String reason) {
    List<Condition> conditions = new ArrayList<>(status.conditions);
    conditions.add(condition("PodScheduled", scheduled, reason));
    status.conditions = conditions;
    return status;
  }

  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).build();
  }
}
