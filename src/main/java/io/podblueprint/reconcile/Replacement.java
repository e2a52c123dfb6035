package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ApplyReport;

/**
 * Replaces a child whose change cannot be made in place (a Pod's spec, a Job's template). The new
 * object is first checked with a server-side dry run, so a bad spec never costs the running child;
 * then the old one is deleted, and the next reconcile creates the new one once it is gone.
 */
final class Replacement {
  private static final int MAX_PREFIX = 50;
  private final KubernetesClient client;
  private final EventRecorder events;

  Replacement(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  ApplyReport replace(PodBlueprint blueprint, HasMetadata live, HasMetadata desired) {
    try {
      client.resource(dryRunCopy(desired)).dryRun().create();
    } catch (KubernetesClientException e) {
      if (Transient.is(e)) {
        throw e;
      }
      return Refusals.report(blueprint, desired, e, events);
    }
    ChildApplier.delete(client, live);
    String what = Children.describe(live);
    events.normal(
        blueprint,
        "Replacing",
        "Replacing " + what + ": the change to its spec cannot be made in place");
    return ApplyReport.replacing(what);
  }

  private HasMetadata dryRunCopy(HasMetadata desired) {
    HasMetadata copy = client.getKubernetesSerialization().clone(desired);
    String name = desired.getMetadata().getName();
    copy.getMetadata().setName(null);
    copy.getMetadata()
        .setGenerateName(name.substring(0, Math.min(name.length(), MAX_PREFIX)) + "-");
    copy.getMetadata().setOwnerReferences(null);
    return copy;
  }
}
