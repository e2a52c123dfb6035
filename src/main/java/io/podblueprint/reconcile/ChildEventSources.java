package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.render.Labels;
import java.util.List;
import java.util.Set;

/**
 * One informer per child kind, and one for pods, all filtered by the operator's managed-by label,
 * so the operator's memory grows with its blueprints and not with the cluster. Events map back to
 * the blueprint through the podblueprint.io/name label.
 */
final class ChildEventSources {
  /** Every kind the operator creates or observes. */
  static final List<Class<? extends HasMetadata>> KINDS =
      List.of(Deployment.class, Job.class, CronJob.class, Pod.class, Service.class);

  private ChildEventSources() {}

  static List<EventSource<?, PodBlueprint>> create(EventSourceContext<PodBlueprint> context) {
    return KINDS.stream()
        .<EventSource<?, PodBlueprint>>map(kind -> informer(kind, context))
        .toList();
  }

  private static <R extends HasMetadata> InformerEventSource<R, PodBlueprint> informer(
      Class<R> kind, EventSourceContext<PodBlueprint> context) {
    var configuration =
        InformerEventSourceConfiguration.from(kind, PodBlueprint.class)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(ChildEventSources::blueprintOf)
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  static Set<ResourceID> blueprintOf(HasMetadata child) {
    var labels = child.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(Labels.BLUEPRINT);
    if (name == null) {
      return Set.of();
    }
    return Set.of(new ResourceID(name, child.getMetadata().getNamespace()));
  }
}
