package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.apply.Executor;
import io.podblueprint.apply.Observed;
import io.podblueprint.apply.Outcome;
import io.podblueprint.apply.Planner;
import io.podblueprint.apply.Prior;
import io.podblueprint.apply.SpecHash;
import io.podblueprint.apply.Written;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Conditions;
import io.podblueprint.status.Reasons;
import java.util.ArrayList;
import java.util.List;

/**
 * The glue between the reconciler and the apply stage: reads the caches and the last status into
 * the planner's inputs, and hands the plan to the executor.
 */
final class ChildApplier {
  static final String FIELD_MANAGER = Executor.FIELD_MANAGER;

  private final Executor executor;

  ChildApplier(KubernetesClient client) {
    this.executor = new Executor(client);
  }

  Outcome apply(PodBlueprint blueprint, List<HasMetadata> rendered, Context<PodBlueprint> ctx) {
    List<HasMetadata> desired = SpecHash.annotate(rendered);
    Prior prior = prior(blueprint);
    return executor.execute(
        Planner.plan(desired, observe(blueprint, desired, ctx), prior), prior, written(ctx));
  }

  /** What the last status says: the apply stage does not read it itself. */
  static Prior prior(PodBlueprint blueprint) {
    PodBlueprintStatus status = blueprint.getStatus();
    Long generation = blueprint.getMetadata().getGeneration();
    boolean ran = status != null && generation != null && generation.equals(status.runGeneration);
    String refusal =
        Conditions.find(status, ConditionTypes.STALLED)
            .filter(c -> "True".equals(c.getStatus()))
            .filter(c -> Reasons.CHILD_REFUSED.equals(c.getReason()))
            .map(c -> c.getMessage())
            .orElse(null);
    return new Prior(ran, refusal);
  }

  private static Observed observe(
      PodBlueprint blueprint, List<HasMetadata> desired, Context<PodBlueprint> ctx) {
    String name = blueprint.getMetadata().getName();
    String namespace = blueprint.getMetadata().getNamespace();
    List<HasMetadata> children = new ArrayList<>();
    List<HasMetadata> upToDate = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : ChildEventSources.KINDS) {
      Children.cached(ctx, kind, name, namespace)
          .ifPresent(
              live -> {
                children.add(live);
                desired.stream()
                    .filter(d -> d.getClass() == live.getClass())
                    .filter(d -> matches(live, d, ctx))
                    .findFirst()
                    .ifPresent(d -> upToDate.add(live));
              });
    }
    return new Observed(blueprint.getMetadata().getUid(), children, upToDate);
  }

  private static boolean matches(HasMetadata live, HasMetadata desired, Context<PodBlueprint> ctx) {
    return SSABasedGenericKubernetesResourceMatcher.getInstance().matches(live, desired, ctx);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Written written(Context<PodBlueprint> ctx) {
    return new Written() {
      @Override
      public void created(HasMetadata applied) {
        Children.source(ctx, (Class) applied.getClass())
            .handleRecentResourceCreate(ResourceID.fromResource(applied), applied);
      }

      @Override
      public void updated(HasMetadata applied, HasMetadata live) {
        Children.source(ctx, (Class) applied.getClass())
            .handleRecentResourceUpdate(ResourceID.fromResource(applied), applied, live);
      }
    };
  }
}
