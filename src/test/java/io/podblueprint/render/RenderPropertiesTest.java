package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podblueprint.BlueprintGenerator;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.validation.BlueprintValidator;
import io.podblueprint.validation.Finding;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Properties of render and validation over random schema-valid blueprints (see {@link
 * BlueprintGenerator}): neither throws, both are deterministic, and what the operator reads back
 * from the API server (the blueprint after a JSON round trip) renders to the same children.
 */
@Tag("unit")
class RenderPropertiesTest {
  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Property(tries = 500)
  void renderingNeverThrowsAndIsDeterministic(@ForAll("seeds") long seed) {
    PodBlueprint blueprint = onCluster(BlueprintGenerator.generate(seed));
    List<HasMetadata> first = ChildRenderer.render(blueprint);
    List<HasMetadata> again = ChildRenderer.render(blueprint);
    List<HasMetadata> readBack = ChildRenderer.render(Blueprints.SERIALIZATION.clone(blueprint));

    assertThat(Blueprints.tree(again)).isEqualTo(Blueprints.tree(first));
    assertThat(Blueprints.tree(readBack)).isEqualTo(Blueprints.tree(first));
    assertThat(first.get(0).getMetadata().getName()).isEqualTo(blueprint.getMetadata().getName());
    assertThat(first).hasSize(blueprint.getSpec().service == null ? 1 : 2);
    assertThat(first)
        .allSatisfy(
            child ->
                assertThat(child.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1")));
  }

  @Property(tries = 500)
  void validationNeverThrowsAndIsDeterministic(@ForAll("seeds") long seed) {
    PodBlueprint blueprint = BlueprintGenerator.generate(seed);
    List<Finding> findings = BlueprintValidator.validate(blueprint);
    assertThat(BlueprintValidator.validate(Blueprints.SERIALIZATION.clone(blueprint)))
        .isEqualTo(findings);
    assertThat(findings).allSatisfy(f -> assertThat(f.field()).startsWith("spec."));
  }

  /**
   * Validation is total: whatever part of a blueprint is missing or null (a list entry, a
   * container's name, the whole template), it returns findings instead of throwing.
   */
  @Property(tries = 300)
  void validationNeverThrowsOnBlueprintsWithPartsMissing(
      @ForAll("seeds") long seed, @ForAll("holes") int hole) {
    PodBlueprint blueprint = BlueprintGenerator.generate(seed);
    var spec = blueprint.getSpec();
    var pod = spec.template.getSpec();
    switch (hole) {
      case 0 -> spec.template = null;
      case 1 -> spec.template.setSpec(null);
      case 2 -> pod.setContainers(null);
      case 3 -> pod.getContainers().add(null);
      case 4 -> pod.getContainers().get(0).setName(null);
      case 5 -> pod.getContainers().get(0).setImage(null);
      case 6 -> pod.getContainers().get(0).setPorts(java.util.Arrays.asList(null, null));
      case 7 ->
          pod.getContainers()
              .get(0)
              .setEnv(java.util.Arrays.asList((io.fabric8.kubernetes.api.model.EnvVar) null));
      case 8 ->
          pod.setVolumes(java.util.Arrays.asList((io.fabric8.kubernetes.api.model.Volume) null));
      case 9 -> blueprint.setSpec(null);
      case 10 -> blueprint.getMetadata().setName(null);
      default -> {
        if (spec.service != null) {
          spec.service.ports =
              java.util.Arrays.asList(null, new io.podblueprint.api.v1alpha1.ServicePortOptions());
        } else {
          spec.cronJob = new io.podblueprint.api.v1alpha1.CronJobOptions();
        }
      }
    }
    List<Finding> findings = BlueprintValidator.validate(blueprint);
    assertThat(findings).isNotNull();
  }

  @Provide
  Arbitrary<Integer> holes() {
    return Arbitraries.integers().between(0, 11);
  }

  static PodBlueprint onCluster(PodBlueprint blueprint) {
    return Blueprints.onCluster(blueprint, "team-a", "uid-1");
  }
}
