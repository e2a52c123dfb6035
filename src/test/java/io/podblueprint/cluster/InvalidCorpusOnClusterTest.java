package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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
  static KubernetesClient client;
  static String ns;

  @BeforeAll
  static void applyAll() {
    KwokCluster.operator();
    client = KwokCluster.client();
    ns = KwokCluster.namespace("corpus");
    refusedAtStatus().forEach(bad -> KwokCluster.apply(ns, bad.yaml()));
  }

  @AfterAll
  static void tearDown() {
    KwokCluster.deleteNamespace(ns);
  }

  static Stream<InvalidCorpus> refusedAtStatus() {
    return InvalidCorpus.at("status");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtStatus")
  void isAcceptedThenStalledWithTheFieldAndLeavesNoChild(InvalidCorpus bad) {
    String name = bad.blueprintName();
    PodBlueprint stalled =
        KwokCluster.awaitCondition(ns, name, ConditionTypes.STALLED, "True", WAIT);

    var condition = KwokCluster.condition(stalled, ConditionTypes.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo(bad.reason());
    for (String expected : bad.expected()) {
      assertThat(condition.getMessage()).contains(expected);
    }
    var ready = KwokCluster.condition(stalled, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getObservedGeneration()).isEqualTo(stalled.getMetadata().getGeneration());

    assertThat(client.pods().inNamespace(ns).withName(name).get()).isNull();
    assertThat(client.apps().deployments().inNamespace(ns).withName(name).get()).isNull();
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName(name).get()).isNull();
    assertThat(client.batch().v1().cronjobs().inNamespace(ns).withName(name).get()).isNull();
    assertThat(client.services().inNamespace(ns).withName(name).get()).isNull();
    assertThat(
            client.pods().inNamespace(ns).withLabel("podblueprint.io/name", name).list().getItems())
        .isEmpty();
  }
}
