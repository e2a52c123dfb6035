package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ApplyReport;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Conditions;
import io.podblueprint.status.Reasons;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Makes the cluster hold exactly the rendered children: server-side apply under one field manager,
 * only when the live object differs from what the operator owns; replacement for immutable
 * children; deletion of children the spec no longer asks for.
 */
final class ChildApplier {
  static final String FIELD_MANAGER = "podblueprint-operator";

  private final KubernetesClient client;
  private final EventRecorder events;

  ChildApplier(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  ApplyReport apply(PodBlueprint blueprint, List<HasMetadata> desired, Context<PodBlueprint> ctx) {
    new StaleChildren(client, events).delete(blueprint, desired, ctx);
    List<Pending> pending = new ArrayList<>(desired.size());
    for (HasMetadata child : desired) {
      Pending step = plan(blueprint, child, ctx);
      if (step.report() != null && step.report() != ApplyReport.APPLIED) {
        return step.report();
      }
      if (step.report() == null) {
        pending.add(step);
      }
    }
    // The Service first: a dry run does not check a nodePort against the cluster's range, so a
    // refusal may only come with the real write, and then no new workload must exist yet.
    pending.sort(Comparator.comparing(step -> !(step.desired() instanceof Service)));
    // All or nothing: the children written after the first are tried with a dry run before the
    // first is written. The first needs none: if it is refused, nothing has been written.
    for (Pending step : pending.subList(Math.min(1, pending.size()), pending.size())) {
      Optional<ApplyReport> refused = dryRun(blueprint, step);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    try {
      for (Pending step : pending) {
        ApplyReport report = serverSideApply(blueprint, step.desired(), step.live(), ctx);
        if (report != ApplyReport.APPLIED) {
          return report;
        }
        (step.live() == null ? created : updated).add(Children.describe(step.desired()));
      }
      return ApplyReport.APPLIED;
    } finally {
      announce(blueprint, "Created", created);
      announce(blueprint, "Updated", updated);
    }
  }

  /** One Event for the children a reconcile wrote: "Created Service web and Deployment web". */
  private void announce(PodBlueprint blueprint, String verb, List<String> children) {
    if (!children.isEmpty()) {
      events.normal(blueprint, verb, verb + " " + String.join(" and ", children));
    }
  }

  /**
   * A child to apply: report null means it must be written (live is the cached object or null);
   * otherwise report says what happened instead (nothing to do, a refusal, a replacement).
   */
  private record Pending(HasMetadata desired, HasMetadata live, ApplyReport report) {}

  private Pending plan(PodBlueprint blueprint, HasMetadata desired, Context<PodBlueprint> ctx) {
    String name = desired.getMetadata().getName();
    String namespace = desired.getMetadata().getNamespace();
    Optional<? extends HasMetadata> actual =
        Children.cached(ctx, desired.getClass(), name, namespace);
    if (actual.isPresent()) {
      HasMetadata live = actual.get();
      if (!Children.controlledBy(live, blueprint)) {
        return done(
            ApplyReport.refused(
                Reasons.CHILD_REFUSED,
                Children.describe(desired)
                    + " already exists and is not controlled by this blueprint; the operator does"
                    + " not take over objects it did not create. Rename the blueprint or delete"
                    + " the object"));
      }
      if (live.getMetadata().getDeletionTimestamp() != null) {
        return done(ApplyReport.replacing(Children.describe(live)));
      }
      if (SSABasedGenericKubernetesResourceMatcher.getInstance().matches(live, desired, ctx)) {
        return done(ApplyReport.APPLIED);
      }
    } else if (desired instanceof Job && completedAtThisGeneration(blueprint)) {
      return done(ApplyReport.APPLIED); // finished and cleaned up by its TTL: do not run it again
    }
    return new Pending(desired, actual.orElse(null), null);
  }

  private static Pending done(ApplyReport report) {
    return new Pending(null, null, report);
  }

  /** The API server's verdict on the write without making it; a change to be replaced passes. */
  private Optional<ApplyReport> dryRun(PodBlueprint blueprint, Pending step) {
    try {
      client
          .resource(step.desired())
          .dryRun()
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (Transient.is(e)) {
        throw e;
      }
      if (step.live() != null && Immutability.refusedAsImmutable(e, step.desired())) {
        return Optional.empty();
      }
      return Optional.of(Refusals.report(blueprint, step.desired(), e, events));
    }
  }

  private ApplyReport serverSideApply(
      PodBlueprint blueprint, HasMetadata desired, HasMetadata live, Context<PodBlueprint> ctx) {
    try {
      HasMetadata applied =
          client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      remember(ctx, live, applied);
      return ApplyReport.APPLIED;
    } catch (KubernetesClientException e) {
      if (Transient.is(e)) {
        throw e;
      }
      if (live != null && Immutability.refusedAsImmutable(e, desired)) {
        return new Replacement(client, events).replace(blueprint, live, desired);
      }
      return Refusals.report(blueprint, desired, e, events);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void remember(Context<PodBlueprint> ctx, HasMetadata live, HasMetadata applied) {
    var source = Children.source(ctx, (Class) applied.getClass());
    ResourceID id = ResourceID.fromResource(applied);
    if (live == null) {
      source.handleRecentResourceCreate(id, applied);
    } else {
      source.handleRecentResourceUpdate(id, applied, live);
    }
  }

  private static boolean completedAtThisGeneration(PodBlueprint blueprint) {
    return Conditions.find(blueprint.getStatus(), ConditionTypes.COMPLETE)
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> blueprint.getMetadata().getGeneration().equals(c.getObservedGeneration()))
        .isPresent();
  }

  static void delete(KubernetesClient client, HasMetadata child) {
    client.resource(child).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }
}
