package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.config.WriteFence;

/**
 * Writes a blueprint's status and keeps the written version in the operator's cache, so the next
 * reconcile compares against what was just written. Returning UpdateControl.patchStatus does not:
 * when a child event arrives before the watch delivers the status write, the next reconcile sees
 * the old status, writes again with a stale resourceVersion, gets 409 and is retried after a
 * backoff (seen at 1000 blueprints: 5 status writes and 1.3 conflicts per blueprint).
 *
 * <p>The write carries only the status, with the blueprint's resourceVersion (optimistic lock); a
 * conflict with another writer is retried at once with the newer version from the cache.
 */
final class StatusWriter {
  private StatusWriter() {}

  static void write(PodBlueprint blueprint, PodBlueprintStatus status, Context<PodBlueprint> ctx) {
    WriteFence.check();
    var configuration = ctx.getControllerConfiguration().getConfigurationService();
    if (configuration.useSSAToPatchPrimaryResource()) {
      PodBlueprint statusOnly = new PodBlueprint();
      statusOnly.setMetadata(
          new ObjectMetaBuilder()
              .withName(blueprint.getMetadata().getName())
              .withNamespace(blueprint.getMetadata().getNamespace())
              .build());
      statusOnly.setStatus(status);
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(blueprint, statusOnly, ctx);
    } else {
      // Test profile only: the fabric8 mock server takes no server-side apply on /status. This
      // branch never runs in production; the mock tier that uses it tests wiring only.
      PrimaryUpdateAndCacheUtils.mergePatchStatusAndCacheResource(
          blueprint,
          ctx,
          current -> {
            PodBlueprint copy = configuration.getResourceCloner().clone(current);
            copy.setStatus(status);
            return copy;
          });
    }
  }
}
