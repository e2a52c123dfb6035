package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.Optional;

/** Looks children up in the informer caches and tells whether the blueprint controls them. */
final class Children {
  private Children() {}

  @SuppressWarnings("unchecked")
  static <R extends HasMetadata> InformerEventSource<R, PodBlueprint> source(
      Context<PodBlueprint> context, Class<R> kind) {
    return (InformerEventSource<R, PodBlueprint>)
        context.eventSourceRetriever().getEventSourceFor(kind);
  }

  static <R extends HasMetadata> Optional<R> cached(
      Context<PodBlueprint> context, Class<R> kind, String name, String namespace) {
    return source(context, kind).get(new ResourceID(name, namespace));
  }

  static boolean controlledBy(HasMetadata child, PodBlueprint blueprint) {
    var owners = child.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(
                o ->
                    Boolean.TRUE.equals(o.getController())
                        && blueprint.getMetadata().getUid().equals(o.getUid()));
  }

  static String describe(HasMetadata child) {
    return child.getKind() + " " + child.getMetadata().getName();
  }
}
