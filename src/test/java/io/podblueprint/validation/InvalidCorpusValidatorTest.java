package io.podblueprint.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.Blueprints;
import io.podblueprint.cluster.InvalidCorpus;
import io.podblueprint.render.ChildRenderer;
import io.podblueprint.status.Reasons;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus entries the API server accepts, checked without a cluster: the operator's validation
 * finds each InvalidSpec entry with the expected message, and lets each ChildRefused entry through
 * (only the API server's own validation of the child catches those) and renders it without
 * throwing.
 */
@Tag("unit")
class InvalidCorpusValidatorTest {
  static Stream<InvalidCorpus> invalidSpec() {
    return InvalidCorpus.at("status").filter(c -> Reasons.INVALID_SPEC.equals(c.reason()));
  }

  static Stream<InvalidCorpus> childRefused() {
    return InvalidCorpus.at("status").filter(c -> Reasons.CHILD_REFUSED.equals(c.reason()));
  }

  /**
   * The rules the CRD's schema and the operator's validation both hold (issue 16, item 10): the
   * same corpus files that InvalidCorpusOnClusterTest sends to a real API server, which refuses
   * them at admission, are found by the Java validation too, at the same field.
   */
  static final java.util.Set<String> SHARED_RULES =
      java.util.Set.of(
          "cpu-with-unit-word",
          "memory-in-megabytes",
          "duplicate-port-names",
          "restart-always-on-job",
          "restart-policy-lower-case");

  static Stream<InvalidCorpus> sharedRules() {
    return InvalidCorpus.at("admission")
        .filter(c -> SHARED_RULES.contains(c.name().replace(".yaml", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedRules")
  void theValidatorHoldsTheRulesTheSchemaHolds(InvalidCorpus bad) {
    List<Finding> findings = BlueprintValidator.validate(Blueprints.fromYaml(bad.yaml()));
    String field = bad.expected().get(0).split(":")[0].strip();
    assertThat(findings).as(bad.name()).anySatisfy(f -> assertThat(f.toString()).contains(field));
  }

  @org.junit.jupiter.api.Test
  void everySharedRuleIsInTheCorpus() {
    assertThat(sharedRules().map(InvalidCorpus::name)).hasSameSizeAs(SHARED_RULES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpec")
  void theValidatorFindsIt(InvalidCorpus bad) {
    List<Finding> findings = BlueprintValidator.validate(Blueprints.fromYaml(bad.yaml()));
    String message = String.join("; ", findings.stream().map(Finding::toString).toList());
    for (String expected : bad.expected()) {
      assertThat(message).contains(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("childRefused")
  void theValidatorLetsItThroughToTheApiServer(InvalidCorpus bad) {
    var blueprint = Blueprints.fromYaml(bad.yaml());
    assertThat(BlueprintValidator.validate(blueprint)).isEmpty();
    assertThat(ChildRenderer.render(blueprint)).isNotEmpty();
  }

  @Test
  void theCorpusIsLargeAndEveryStatusEntryHasAKnownReason() {
    assertThat(InvalidCorpus.all()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(InvalidCorpus.at("status").map(InvalidCorpus::reason))
        .isNotEmpty()
        .allMatch(r -> r.equals(Reasons.INVALID_SPEC) || r.equals(Reasons.CHILD_REFUSED));
    assertThat(InvalidCorpus.all())
        .allMatch(c -> c.refusedAt().equals("admission") || c.refusedAt().equals("status"));
  }
}
