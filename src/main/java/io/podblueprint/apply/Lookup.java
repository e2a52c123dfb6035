package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a plan's creates against the objects that may already hold their names. A create never
 * takes an object over. The caches hold only labelled objects, so each name is looked up (all at
 * once): an object that is the blueprint's (its labels removed) is updated instead; anyone else's
 * is refused. Reads only; the writes stay the executor's.
 */
final class Lookup {
  private final KubernetesClient client;

  Lookup(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The plan's writes in order (creates, updates, replaces), each create resolved. The first
   * failure in plan order is thrown.
   */
  List<Step> writes(List<Step> plan) {
    List<Step> creates = plan.stream().filter(Step.Create.class::isInstance).toList();
    List<Parallel.Result<Step>> resolved =
        Parallel.map(creates, step -> resolve((Step.Create) step));
    List<Step> writes = new ArrayList<>();
    int next = 0;
    for (Step step : plan) {
      if (step instanceof Step.Create) {
        Parallel.Result<Step> result = resolved.get(next++);
        if (result.failed()) {
          throw result.error();
        }
        writes.add(result.value());
      } else if (step instanceof Step.Update || step instanceof Step.Replace) {
        writes.add(step);
      }
    }
    return writes;
  }

  /**
   * The create itself when the name is free, an update of an object the blueprint controls, a
   * refusal naming anyone else's. The create is an apply without force, so an object made between
   * the look-up and the write conflicts on any field its writer set differently.
   */
  private Step resolve(Step.Create create) {
    HasMetadata existing = read(create.desired());
    if (existing == null) {
      return create;
    }
    if (!controlled(existing, create.desired())) {
      throw new Refusal(Foreign.describe(existing), true);
    }
    return new Step.Update(create.desired(), existing);
  }

  private HasMetadata read(HasMetadata desired) {
    try {
      return client.resource(desired).get();
    } catch (KubernetesClientException e) {
      if (Transient.is(e)) {
        throw e;
      }
      throw new Refusal(Refusals.describe(desired, e), Refusals.dependsOnCluster(e));
    }
  }

  private static boolean controlled(HasMetadata child, HasMetadata desired) {
    var mine = desired.getMetadata().getOwnerReferences();
    var owners = child.getMetadata().getOwnerReferences();
    return mine != null
        && owners != null
        && mine.stream()
            .anyMatch(
                m ->
                    owners.stream()
                        .anyMatch(
                            o ->
                                Boolean.TRUE.equals(o.getController())
                                    && m.getUid().equals(o.getUid())));
  }
}
