package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.config.CacheTrim;
import io.podblueprint.render.Labels;
import io.podblueprint.status.Reasons;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One informer per child kind, and one for pods, all filtered by the operator's managed-by label,
 * so the operator's memory grows with its blueprints and not with the cluster. Events map back to
 * the blueprint through the podblueprint.io/name label. The caches keep only what is read from the
 * objects ({@link CacheTrim}).
 */
final class ChildEventSources {
  /** Every kind the operator creates or observes. */
  static final List<Class<? extends HasMetadata>> KINDS =
      List.of(Deployment.class, Job.class, CronJob.class, Pod.class, Service.class);

  private static final Pattern CRONJOB_RUN = Pattern.compile("(.+)-[0-9]+");

  private ChildEventSources() {}

  static List<EventSource<?, PodBlueprint>> create(EventSourceContext<PodBlueprint> context) {
    List<EventSource<?, PodBlueprint>> sources = new ArrayList<>();
    KINDS.forEach(kind -> sources.add(informer(kind, context)));
    sources.add(jobCreateFailures(context));
    return sources;
  }

  /**
   * The Job controller's FailedCreate Events (Events carry no labels, so they are selected by
   * field: only those about Jobs, only that reason). A Job has no condition for "cannot create
   * pods"; this is where Pod Security's refusal of a Job's pods shows up.
   */
  private static InformerEventSource<Event, PodBlueprint> jobCreateFailures(
      EventSourceContext<PodBlueprint> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Event.class, PodBlueprint.class)
            .withFieldSelector(
                new FieldSelector(
                    new FieldSelector.Field("involvedObject.kind", "Job"),
                    new FieldSelector.Field("reason", Reasons.FAILED_CREATE)))
            .withSecondaryToPrimaryMapper(ChildEventSources::blueprintOfJobEvent)
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /**
   * A workload Job is named after its blueprint; a CronJob's run is named after the CronJob plus
   * "-" and digits. Both candidates are returned; one that names no blueprint is ignored, and the
   * observer keeps only Events about the blueprint's own Jobs (by uid).
   */
  static Set<ResourceID> blueprintOfJobEvent(Event event) {
    var job = event.getInvolvedObject();
    if (job == null || job.getName() == null) {
      return Set.of();
    }
    Set<ResourceID> ids = new HashSet<>();
    ids.add(new ResourceID(job.getName(), job.getNamespace()));
    Matcher run = CRONJOB_RUN.matcher(job.getName());
    if (run.matches()) {
      ids.add(new ResourceID(run.group(1), job.getNamespace()));
    }
    return ids;
  }

  private static <R extends HasMetadata> InformerEventSource<R, PodBlueprint> informer(
      Class<R> kind, EventSourceContext<PodBlueprint> context) {
    var configuration =
        InformerEventSourceConfiguration.from(kind, PodBlueprint.class)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(ChildEventSources::blueprintOf);
    var controller = context.getControllerConfiguration();
    CacheTrim.<R>store(controller.getInformerConfig().getEffectiveNamespaces(controller))
        .ifPresent(configuration::withItemStore);
    return new InformerEventSource<>(configuration.build(), context);
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
