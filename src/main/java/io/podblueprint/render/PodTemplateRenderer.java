package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.TreeMap;

/**
 * The user's pod template, passed through unchanged except for the operator's labels and the one
 * default Kubernetes does not pick for us: a Job's pods restart Never unless the user says so.
 * Quantities are written in the API server's canonical form, so what is stored matches.
 */
public final class PodTemplateRenderer {
  private PodTemplateRenderer() {}

  public static PodTemplateSpec render(PodBlueprint blueprint) {
    PodTemplateSpec template = blueprint.getSpec().template;
    ObjectMeta source = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    ObjectMetaBuilder metadata = new ObjectMetaBuilder().withLabels(Labels.of(blueprint));
    if (source.getAnnotations() != null && !source.getAnnotations().isEmpty()) {
      metadata.withAnnotations(new TreeMap<>(source.getAnnotations()));
    }
    PodSpec spec = new PodTemplateSpecBuilder(template).build().getSpec();
    WorkloadKind kind = blueprint.getSpec().workloadOrDefault();
    if (kind.runsToCompletion() && spec.getRestartPolicy() == null) {
      spec.setRestartPolicy("Never");
    }
    Quantities.canonicalize(spec);
    return new PodTemplateSpecBuilder().withMetadata(metadata.build()).withSpec(spec).build();
  }
}
