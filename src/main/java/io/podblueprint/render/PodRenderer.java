package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.podblueprint.api.v1alpha1.PodBlueprint;

/** workload: Pod. One bare Pod named after the blueprint. */
public final class PodRenderer {
  private PodRenderer() {}

  public static Pod render(PodBlueprint blueprint) {
    PodTemplateSpec template = PodTemplateRenderer.render(blueprint);
    var metadata = ChildMetadata.of(blueprint, Names.workload(blueprint));
    metadata.setAnnotations(template.getMetadata().getAnnotations());
    return new PodBuilder().withMetadata(metadata).withSpec(template.getSpec()).build();
  }
}
