package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;

/** workload: Deployment. replicas is left out when unset, so an autoscaler can own it. */
public final class DeploymentRenderer {
  private DeploymentRenderer() {}

  public static Deployment render(PodBlueprint blueprint) {
    return new DeploymentBuilder()
        .withMetadata(ChildMetadata.of(blueprint, Names.workload(blueprint)))
        .withNewSpec()
        .withReplicas(blueprint.getSpec().replicas)
        .withNewSelector()
        .withMatchLabels(Labels.selector(blueprint))
        .endSelector()
        .withTemplate(PodTemplateRenderer.render(blueprint))
        .endSpec()
        .build();
  }
}
