package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.List;

/** Metadata shared by every child: name, namespace, labels and the controller owner reference. */
final class ChildMetadata {
  private ChildMetadata() {}

  static ObjectMeta of(PodBlueprint blueprint, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(blueprint.getMetadata().getNamespace())
        .withLabels(Labels.of(blueprint))
        .withOwnerReferences(owner(blueprint))
        .build();
  }

  /**
   * The controller reference that lets Kubernetes garbage-collect the child with its blueprint.
   * Offline rendering has no uid yet, so it renders none; on a cluster the blueprint always has
   * one.
   */
  static List<OwnerReference> owner(PodBlueprint blueprint) {
    String uid = blueprint.getMetadata().getUid();
    if (uid == null) {
      return List.of();
    }
    return List.of(
        new OwnerReferenceBuilder()
            .withApiVersion(blueprint.getApiVersion())
            .withKind(blueprint.getKind())
            .withName(blueprint.getMetadata().getName())
            .withUid(uid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build());
  }
}
