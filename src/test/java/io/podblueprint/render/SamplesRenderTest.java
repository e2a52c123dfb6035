package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.validation.BlueprintValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample in k8s/samples renders to what a Kubernetes user would have written by hand for the
 * same docs example (src/test/resources/samples-expected), plus the operator's labels.
 */
@Tag("unit")
class SamplesRenderTest {
  private static final Path SAMPLES = Path.of("k8s/samples");
  private static final Path EXPECTED = Path.of("src/test/resources/samples-expected");

  static Stream<String> samples() throws IOException {
    return names(SAMPLES).stream();
  }

  @Test
  void everySampleHasAnExpectedManifestAndTheOtherWayRound() throws IOException {
    assertThat(names(SAMPLES))
        .contains(
            "nginx-pod.yaml",
            "webapp-deployment.yaml",
            "init-container-pod.yaml",
            "pi-job.yaml",
            "hello-cronjob.yaml",
            "lifecycle-pod.yaml")
        .isEqualTo(names(EXPECTED));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleIsAValidBlueprintWithoutNamespace(String sample) {
    PodBlueprint blueprint = Blueprints.load(SAMPLES.resolve(sample));
    assertThat(BlueprintValidator.validate(blueprint)).isEmpty();
    assertThat(Blueprints.unknownFields(blueprint))
        .as("fields the API server would prune")
        .isEmpty();
    assertThat(blueprint.getMetadata().getNamespace()).isNull();
    assertThat(blueprint.getMetadata().getUid()).isNull();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleRendersToTheHandWrittenManifest(String sample) throws IOException {
    List<HasMetadata> children = ChildRenderer.render(Blueprints.load(SAMPLES.resolve(sample)));
    List<Object> actual = children.stream().map(c -> canonical(Blueprints.tree(c))).toList();
    List<Object> expected = expected(EXPECTED.resolve(sample));
    // Compared as sorted trees printed as YAML, so a mismatch shows as a readable diff.
    assertThat(Blueprints.yaml(actual)).isEqualTo(Blueprints.yaml(expected));
    assertThat(children)
        .allSatisfy(c -> assertThat(c.getMetadata().getOwnerReferences()).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void renderingTwiceGivesTheSameBytes(String sample) {
    Path file = SAMPLES.resolve(sample);
    String first = yaml(ChildRenderer.render(Blueprints.load(file)));
    PodBlueprint blueprint = Blueprints.load(file);
    String second = yaml(ChildRenderer.render(blueprint));
    String third = yaml(ChildRenderer.render(blueprint));
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
  }

  private static String yaml(List<HasMetadata> children) {
    StringBuilder out = new StringBuilder();
    children.forEach(child -> out.append(Blueprints.yaml(child)));
    return out.toString();
  }

  /** The expected file's documents, each parsed into its fabric8 type, then as a sorted tree. */
  private static List<Object> expected(Path file) throws IOException {
    Object parsed = Blueprints.SERIALIZATION.unmarshal(Files.readString(file));
    Collection<?> documents = parsed instanceof Collection<?> list ? list : List.of(parsed);
    assertThat(Blueprints.unknownFields(documents)).as("typos in " + file).isEmpty();
    List<Object> trees = new ArrayList<>();
    documents.forEach(document -> trees.add(canonical(Blueprints.tree(document))));
    return trees;
  }

  /** Plain maps (sorted by key) and lists, so two trees print the same when they are equal. */
  private static Object canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new TreeMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), canonical(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(canonical(element)));
      return list;
    }
    return Blueprints.SERIALIZATION.convertValue(node, Object.class);
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
