package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.List;

/**
 * Deletes children the spec no longer asks for: the old kind after a workload switch, the Service
 * after spec.service is removed. Only objects this blueprint controls are touched.
 */
final class StaleChildren {
  private final KubernetesClient client;
  private final EventRecorder events;

  StaleChildren(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  void delete(PodBlueprint blueprint, List<HasMetadata> desired, Context<PodBlueprint> ctx) {
    String name = blueprint.getMetadata().getName();
    String namespace = blueprint.getMetadata().getNamespace();
    for (Class<? extends HasMetadata> kind : ChildEventSources.KINDS) {
      if (desired.stream().anyMatch(kind::isInstance)) {
        continue;
      }
      Children.cached(ctx, kind, name, namespace)
          .filter(child -> Children.controlledBy(child, blueprint))
          .filter(child -> child.getMetadata().getDeletionTimestamp() == null)
          .ifPresent(child -> remove(blueprint, child));
    }
  }

  private void remove(PodBlueprint blueprint, HasMetadata child) {
    ChildApplier.delete(client, child);
    events.normal(
        blueprint,
        "Deleted",
        "Deleted " + Children.describe(child) + ": the spec no longer asks for it");
  }
}
