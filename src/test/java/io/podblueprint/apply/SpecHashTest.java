package io.podblueprint.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.podblueprint.render.ChildRenderer;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The hash covers what the API server will not change in place, and nothing else. */
@Tag("unit")
class SpecHashTest {
  static String hash(PodBlueprint blueprint) {
    return SpecHash.of(ChildRenderer.workload(blueprint));
  }

  static PodBlueprint job(String more) {
    return Blueprints.simple("web", WorkloadKind.Job, more);
  }

  @Test
  void mutableJobFieldsDoNotChangeTheHash() {
    assertThat(hash(job("job: {parallelism: 3, ttlSecondsAfterFinished: 0, backoffLimit: 2}\n")))
        .isEqualTo(hash(job("")));
  }

  @Test
  void aJobTemplateChangeChangesTheHash() {
    PodBlueprint changed = job("");
    changed.getSpec().template.getSpec().getContainers().get(0).setArgs(java.util.List.of("x"));
    assertThat(hash(changed)).isNotEqualTo(hash(job("")));
  }

  @Test
  void aPodImageIsMutableItsCommandIsNot() {
    PodBlueprint pod = Blueprints.simple("web", WorkloadKind.Pod);
    PodBlueprint image = Blueprints.simple("web", WorkloadKind.Pod);
    image.getSpec().template.getSpec().getContainers().get(0).setImage("example/app:2");
    PodBlueprint command = Blueprints.simple("web", WorkloadKind.Pod);
    command.getSpec().template.getSpec().getContainers().get(0).setCommand(java.util.List.of("x"));
    assertThat(hash(image)).isEqualTo(hash(pod));
    assertThat(hash(command)).isNotEqualTo(hash(pod));
  }

  @Test
  void theOrderOfMapKeysDoesNotMatter() {
    PodBlueprint a = Blueprints.simple("web", WorkloadKind.Pod);
    a.getSpec().template.getSpec().setNodeSelector(new java.util.LinkedHashMap<>(Map.of("a", "1")));
    a.getSpec().template.getSpec().getNodeSelector().put("b", "2");
    PodBlueprint b = Blueprints.simple("web", WorkloadKind.Pod);
    b.getSpec().template.getSpec().setNodeSelector(new java.util.LinkedHashMap<>(Map.of("b", "2")));
    b.getSpec().template.getSpec().getNodeSelector().put("a", "1");
    assertThat(hash(a)).isEqualTo(hash(b));
  }

  @Test
  void annotateAddsTheHashToPodsAndJobsOnlyAndKeepsTheInput() {
    var rendered =
        ChildRenderer.render(
            Blueprints.simple("web", WorkloadKind.Deployment, "service:\n  ports: [{port: 80}]\n"));
    assertThat(SpecHash.annotate(rendered)).allSatisfy(c -> assertThat(SpecHash.on(c)).isNull());
    HasMetadata job = ChildRenderer.workload(job(""));
    HasMetadata annotated = SpecHash.annotate(java.util.List.of(job)).get(0);
    assertThat(SpecHash.on(annotated)).isEqualTo(SpecHash.of(job));
    assertThat(SpecHash.on(job)).isNull();
  }
}
