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
   * Validation is total and says what is missing: whatever part of a blueprint is missing or null
   * (a list entry, a container's name, the whole template), it returns findings instead of
   * throwing; a required part that is missing is named by its field, and a null container or
   * environment variable is passed over as if it were not there.
   */
  @Property(tries = 300)
  void validationNamesEachMissingPartInsteadOfThrowing(
      @ForAll("seeds") long seed, @ForAll("holes") int hole) {
    PodBlueprint blueprint = BlueprintGenerator.generate(seed);
    var spec = blueprint.getSpec();
    var pod = spec.template.getSpec();
    String containers = "spec.template.spec.containers";
    String missing = null;
    List<Finding> withoutTheNullEntry = null;
    switch (hole) {
      case 0 -> {
        spec.template = null;
        missing = "spec.template";
      }
      case 1 -> {
        spec.template.setSpec(null);
        missing = "spec.template.spec";
      }
      case 2 -> {
        pod.setContainers(null);
        missing = containers;
      }
      case 3 -> {
        withoutTheNullEntry = BlueprintValidator.validate(blueprint);
        pod.getContainers().add(null);
      }
      case 4 -> {
        pod.getContainers().get(0).setName(null);
        missing = containers + "[0].name";
      }
      case 5 -> {
        pod.getContainers().get(0).setImage(null);
        missing = containers + "[0].image";
      }
      case 6 -> pod.getContainers().get(0).setPorts(java.util.Arrays.asList(null, null));
      case 7 -> {
        pod.getContainers().get(0).setEnv(List.of());
        withoutTheNullEntry = BlueprintValidator.validate(blueprint);
        pod.getContainers()
            .get(0)
            .setEnv(java.util.Arrays.asList((io.fabric8.kubernetes.api.model.EnvVar) null));
      }
      case 8 ->
          pod.setVolumes(java.util.Arrays.asList((io.fabric8.kubernetes.api.model.Volume) null));
      case 9 -> {
        blueprint.setSpec(null);
        missing = "spec";
      }
      case 10 -> {
        blueprint.getMetadata().setName(null);
        missing = "metadata.name";
      }
      default -> {
        if (spec.service != null) {
          spec.service.ports =
              java.util.Arrays.asList(null, new io.podblueprint.api.v1alpha1.ServicePortOptions());
          missing = "spec.service.ports[1].port";
        } else {
          spec.cronJob = new io.podblueprint.api.v1alpha1.CronJobOptions();
          if (spec.workloadOrDefault() == io.podblueprint.api.v1alpha1.WorkloadKind.CronJob) {
            missing = "spec.cronJob.schedule";
          }
        }
      }
    }
    List<Finding> findings = BlueprintValidator.validate(blueprint);
    assertThat(findings)
        .allSatisfy(f -> assertThat(f.field()).matches("spec(\\..*)?|metadata\\.name"));
    if (missing != null) {
      assertThat(findings).extracting(Finding::field).contains(missing);
    }
    if (withoutTheNullEntry != null) {
      assertThat(findings).isEqualTo(withoutTheNullEntry);
    }
  }

  @Provide
  Arbitrary<Integer> holes() {
    return Arbitraries.integers().between(0, 11);
  }

  static PodBlueprint onCluster(PodBlueprint blueprint) {
    return Blueprints.onCluster(blueprint, "team-a", "uid-1");
  }
}
