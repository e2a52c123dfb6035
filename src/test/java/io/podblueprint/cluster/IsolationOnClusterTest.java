package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Refused blueprints never hold up the others: with 24 bad blueprints (every accepted-but-invalid
 * corpus entry, twice) applied just before it, a good one still gets Ready promptly, and an edit to
 * it is reconciled as promptly.
 */
@Tag("cluster")
class IsolationOnClusterTest {
  static final Duration PROMPTLY = Duration.ofSeconds(30);
  static final int COPIES = 2;

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("isolation");

  static String good(int replicas) {
    return Blueprints.named("good")
        .spec("replicas: " + replicas)
        .spec("service:\n  ports: [{port: 80}]")
        .containers("- {name: web, image: nginx:1.27}")
        .yaml();
  }

  @Test
  void aGoodBlueprintGetsReadyPromptlyAmongManyBadOnes() {
    List<String> bad = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      for (InvalidCorpus entry : InvalidCorpus.at("status").toList()) {
        String name = "bad-" + copy + "-" + entry.blueprintName();
        String yaml = entry.yaml().replace("name: " + entry.blueprintName(), "name: " + name);
        ClusterTests.apply(ns.name(), yaml);
        bad.add(name);
      }
    }
    assertThat(bad).hasSizeGreaterThanOrEqualTo(20);

    long start = System.nanoTime();
    ClusterTests.apply(ns.name(), good(1));
    ClusterTests.awaitCondition(ns.name(), "good", ConditionTypes.READY, "True", PROMPTLY);
    Duration first = Duration.ofNanos(System.nanoTime() - start);

    start = System.nanoTime();
    ClusterTests.apply(ns.name(), good(3));
    PodBlueprint scaled =
        ClusterTests.awaitCondition(ns.name(), "good", ConditionTypes.READY, "True", PROMPTLY);
    Duration second = Duration.ofNanos(System.nanoTime() - start);
    assertThat(scaled.getStatus().readyReplicas).isEqualTo(3);

    for (String name : bad) {
      ClusterTests.awaitCondition(ns.name(), name, ConditionTypes.STALLED, "True", PROMPTLY);
    }
    System.out.printf("isolation: good Ready after %s, rescaled after %s%n", first, second);
  }
}
