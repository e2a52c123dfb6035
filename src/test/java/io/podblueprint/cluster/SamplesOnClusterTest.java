package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.clients.LiveVerdicts;
import io.podblueprint.status.ConditionTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample in k8s/samples/ reaches its final condition on the real control plane. */
@Tag("cluster")
public class SamplesOnClusterTest {

  @RegisterExtension
  static final TestNamespace namespace = TestNamespace.withSharedOperator("samples");

  /** The sample files, k8s/samples/*.yaml, in name order (also run on the real node). */
  public static Stream<Path> samples() throws Exception {
    try (var files = Files.list(Path.of("k8s", "samples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void reachesItsFinalCondition(Path file) throws Exception {
    PodBlueprint applied = ClusterTests.apply(namespace.name(), Files.readString(file));
    String name = applied.getMetadata().getName();
    String kind = applied.getSpec().workloadOrDefault().name();
    String finalCondition = kind.equals("Job") ? ConditionTypes.COMPLETE : ConditionTypes.READY;
    PodBlueprint done =
        ClusterTests.awaitCondition(
            namespace.name(), name, finalCondition, "True", Duration.ofSeconds(120));
    assertThat(done.getStatus().phase).isIn(List.of("Ready", "Succeeded"));
    LiveVerdicts verdicts = LiveVerdicts.of(namespace.name(), name);
    assertThat(verdicts.kstatus().status()).as("%s", verdicts).isEqualTo("Current");
    assertThat(verdicts.argoCd().status()).as("%s", verdicts).isEqualTo("Healthy");
    if (!kind.equals("CronJob")) {
      assertThat(
              ClusterTests.condition(done, ConditionTypes.POD_SCHEDULED).orElseThrow().getStatus())
          .as("the real scheduler bound the pods")
          .isEqualTo("True");
      assertThat(done.getStatus().pods)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.node()).isNotBlank());
    }
  }
}
