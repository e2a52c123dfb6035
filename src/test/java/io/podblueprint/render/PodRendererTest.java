package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PodRendererTest {
  @Test
  void podTakesTheTemplatesLabelsAndAnnotations() {
    PodBlueprint blueprint =
        Blueprints.named(
            "single",
            """
            workload: Pod
            template:
              metadata:
                labels: {tier: cache}
                annotations: {example.com/note: hello}
              spec:
                containers:
                - {name: a, image: b}
            """);
    Pod pod = PodRenderer.render(blueprint);
    assertThat(pod.getMetadata().getName()).isEqualTo("single");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("tier", "cache")
        .containsEntry(Labels.BLUEPRINT, "single");
    assertThat(pod.getMetadata().getAnnotations()).isEqualTo(Map.of("example.com/note", "hello"));
  }

  @Test
  void podWithoutAnnotationsHasNone() {
    Pod pod = PodRenderer.render(Blueprints.simple("single", WorkloadKind.Pod));
    assertThat(pod.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(Blueprints.yaml(pod)).doesNotContain("annotations");
  }

  @Test
  void podSpecIsTheTemplatesSpec() {
    PodBlueprint blueprint = PodTemplateRendererTest.rich(WorkloadKind.Pod, "OnFailure");
    Pod pod = PodRenderer.render(blueprint);
    assertThat(pod.getSpec()).isEqualTo(blueprint.getSpec().template.getSpec());
    assertThat(pod.getStatus()).isNull();
  }
}
