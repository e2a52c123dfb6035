package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A refusal that may clear is checked again after as long as it has lasted, 5 s to 60 s. */
@Tag("unit")
class RefusalRecheckTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @ParameterizedTest(name = "stalled for {0} s: again after {1} s")
  @CsvSource({"0, 5", "3, 5", "5, 5", "12, 12", "40, 40", "60, 60", "3600, 60"})
  void backsOffWithTheAgeOfTheRefusal(long stalledSeconds, long expectedSeconds) {
    assertThat(RefusalRecheck.after(stalledSince(NOW.minusSeconds(stalledSeconds)), NOW))
        .isEqualTo(Duration.ofSeconds(expectedSeconds));
  }

  @Test
  void aStatusWithoutStalledIsCheckedSoon() {
    assertThat(RefusalRecheck.after(new PodBlueprintStatus(), NOW))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(RefusalRecheck.after(null, NOW)).isEqualTo(Duration.ofSeconds(5));
  }

  private static PodBlueprintStatus stalledSince(Instant since) {
    PodBlueprintStatus status = new PodBlueprintStatus();
    status.conditions =
        List.of(
            new ConditionBuilder()
                .withType(ConditionTypes.STALLED)
                .withStatus("True")
                .withReason("ChildRefused")
                .withLastTransitionTime(since.toString())
                .build());
    return status;
  }
}
