package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus entry the API server accepts as a blueprint (refused-at: status) on the real cluster
 * with the shared operator: it is accepted, then reported Stalled=True with the expected reason and
 * a message naming the field, Ready=False, and no child of any kind exists for it.
 */
@Tag("cluster")
class InvalidCorpusOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("corpus");
  static final KubernetesClient client = ClusterTests.client();

  @BeforeAll
  static void applyAll() {
    refusedAtStatus().forEach(bad -> ClusterTests.apply(ns.name(), bad.yaml()));
  }

  static Stream<InvalidCorpus> refusedAtStatus() {
    return InvalidCorpus.at("status");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtStatus")
  void isAcceptedThenStalledWithTheFieldAndLeavesNoChild(InvalidCorpus bad) {
    String name = bad.blueprintName();
    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns.name(), name, ConditionTypes.STALLED, "True", WAIT);

    var condition = ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo(bad.reason());
    for (String expected : bad.expected()) {
      assertThat(condition.getMessage()).contains(expected);
    }
    var ready = ClusterTests.condition(stalled, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getObservedGeneration()).isEqualTo(stalled.getMetadata().getGeneration());

    assertThat(client.pods().inNamespace(ns.name()).withName(name).get()).isNull();
    assertThat(client.apps().deployments().inNamespace(ns.name()).withName(name).get()).isNull();
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName(name).get()).isNull();
    assertThat(client.batch().v1().cronjobs().inNamespace(ns.name()).withName(name).get()).isNull();
    assertThat(client.services().inNamespace(ns.name()).withName(name).get()).isNull();
    assertThat(
            client
                .pods()
                .inNamespace(ns.name())
                .withLabel("podblueprint.io/name", name)
                .list()
                .getItems())
        .isEmpty();
  }
}
