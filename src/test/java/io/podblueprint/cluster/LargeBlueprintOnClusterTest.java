package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blueprints at the edges of what the API server takes: one of about 1.3 MiB (the API server and
 * etcd refuse a request over 1.5 MiB), and one with 100 containers and 12 replicas. The operator
 * (with -Xmx256m) handles both without dying, each gets a status, status.pods stays at most 10, and
 * the operator's resident memory stays bounded.
 */
@Tag("cluster")
class LargeBlueprintOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final long MAX_RSS_KIB = 512 * 1024; // 256 MiB of heap and as much again off-heap
  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("large");
  static final KubernetesClient client = ClusterTests.client();

  static OperatorProcess operator;

  @BeforeAll
  static void setUp() {
    operator = KwokCluster.operator();
  }

  @Test
  void aBlueprintNearTheRequestSizeLimit() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: podblueprint.io/v1alpha1
            kind: PodBlueprint
            metadata:
              name: huge
            spec:
              template:
                metadata:
                  annotations:
            """);
    for (int i = 0; i < 4; i++) { // pod annotations may total 256 KiB
      yaml.append("        note-").append(i).append(": ").append(filler(i, 50_000)).append('\n');
    }
    yaml.append(
        """
            spec:
              containers:
                - name: app
                  image: example/app:1
                  env:
        """);
    for (int i = 0; i < 11; i++) {
      yaml.append("            - name: BLOB_").append(i).append('\n');
      yaml.append("              value: ").append(filler(i, 100_000)).append('\n');
    }
    assertThat(yaml.length()).isBetween(1_250_000, 1_450_000);

    ClusterTests.apply(ns.name(), yaml.toString());
    PodBlueprint ready =
        ClusterTests.awaitCondition(ns.name(), "huge", ConditionTypes.READY, "True", WAIT);
    assertThat(ready.getStatus().pods).hasSize(1);
    assertThat(client.apps().deployments().inNamespace(ns.name()).withName("huge").get())
        .isNotNull();
    assertOperatorHealthy();
  }

  @Test
  void aBlueprintWithOneHundredContainersAndTwelveReplicas() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: podblueprint.io/v1alpha1
            kind: PodBlueprint
            metadata:
              name: wide
            spec:
              replicas: 12
              template:
                spec:
                  containers:
            """);
    for (int i = 0; i < 100; i++) {
      yaml.append("        - name: c").append(i).append('\n');
      yaml.append("          image: example/part:").append(i).append('\n');
      yaml.append("          ports: [{name: p").append(i).append(", containerPort: ");
      yaml.append(8000 + i).append("}]\n");
    }
    ClusterTests.apply(ns.name(), yaml.toString());
    PodBlueprint ready =
        ClusterTests.awaitCondition(ns.name(), "wide", ConditionTypes.READY, "True", WAIT);
    assertThat(ready.getStatus().readyReplicas).isEqualTo(12);
    assertThat(ready.getStatus().pods).hasSize(10);
    assertOperatorHealthy();
  }

  static String filler(int seed, int length) {
    StringBuilder text = new StringBuilder(length);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt((i * 31 + seed * 7) % alphabet.length()));
    }
    return text.toString();
  }

  static void assertOperatorHealthy() throws IOException {
    assertThat(operator.alive()).as("operator process alive").isTrue();
    assertThat(operator.get("/q/health/live")).isEqualTo(200);
    long rss = rssKib(operator.pid());
    System.out.printf("operator VmRSS: %d MiB%n", rss / 1024);
    assertThat(rss).as("operator VmRSS in KiB").isLessThan(MAX_RSS_KIB);
  }

  static long rssKib(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
  }
}
