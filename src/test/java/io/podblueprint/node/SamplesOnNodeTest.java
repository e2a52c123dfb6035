package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.clients.LiveVerdicts;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in k8s/samples/ reaches its final condition with its containers really running, and
 * the real clients (kstatus, Argo CD) read it as done.
 */
@Tag("node")
class SamplesOnNodeTest {

  @RegisterExtension
  static final TestNamespace namespace = TestNamespace.onRealNode("node-samples");

  static Stream<Path> samples() throws Exception {
    return io.podblueprint.cluster.SamplesOnClusterTest.samples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void reachesItsFinalConditionOnTheRealNode(Path file) throws Exception {
    PodBlueprint applied = RealNode.apply(namespace.name(), Files.readString(file));
    String name = applied.getMetadata().getName();
    boolean job = applied.getSpec().workloadOrDefault().name().equals("Job");
    PodBlueprint done =
        ClusterTests.awaitCondition(
            namespace.name(),
            name,
            job ? ConditionTypes.COMPLETE : ConditionTypes.READY,
            "True",
            Duration.ofSeconds(150));
    assertThat(done.getStatus().phase).isIn("Ready", "Succeeded");
    assertThat(done.getStatus().pods)
        .allSatisfy(p -> assertThat(p.node()).isEqualTo(RealNode.NAME));
    assertThat(RealNode.pods(namespace.name(), name))
        .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(RealNode.NAME));
    assertThat(RealNode.containerStatuses(namespace.name(), name))
        .as("the kubelet ran every container: none waits")
        .allSatisfy(c -> assertThat(c.getState().getWaiting()).isNull());
    // What waiting tools read from it: kstatus (kubectl wait, Flux, kpt) and Argo CD's health.
    LiveVerdicts verdicts = LiveVerdicts.of(namespace.name(), name);
    assertThat(verdicts.kstatus().status()).as("%s", verdicts).isEqualTo("Current");
    assertThat(verdicts.argoCd().status()).as("%s", verdicts).isEqualTo("Healthy");
  }
}
