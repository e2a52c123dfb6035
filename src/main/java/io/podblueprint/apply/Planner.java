package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.podblueprint.render.ChildRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pure: what the blueprint asks for, what the caches hold and what the last status said in; the
 * steps out, in the order they must run. The rules:
 *
 * <ol>
 *   <li>An object with a child's name that this blueprint does not control is never written: the
 *       plan is one Refuse, whatever else there is to do.
 *   <li>Writes come before deletes: a child the spec no longer asks for is deleted last, and only
 *       once every desired child is in place (a refused replacement never costs the old one).
 *   <li>A Job, or a bare Pod that does not restart forever, is created once per generation: gone
 *       after it ran (TTL, garbage collection), it is not created again.
 *   <li>A Pod or Job whose immutable spec (its spec hash) differs is replaced; one created from
 *       this spec is updated in place, never replaced again.
 *   <li>A child that holds every field the operator owns is skipped: no write without a change.
 *   <li>The Service is written first: a dry run does not check a nodePort against the cluster's
 *       range, so its refusal may only come with the real write, before any workload exists.
 * </ol>
 */
public final class Planner {
  private Planner() {}

  public static List<Step> plan(List<HasMetadata> desired, Observed observed, Prior prior) {
    List<Step> writes = new ArrayList<>();
    List<Step> skips = new ArrayList<>();
    for (HasMetadata child : desired) {
      HasMetadata live = observed.sameKind(child).orElse(null);
      if (live != null && !observed.controlled(live)) {
        String message = Foreign.describe(live);
        return List.of(new Step.Refuse(message, !message.equals(prior.refusal())));
      }
      Step step = step(child, live, observed, prior);
      (step instanceof Step.Skip ? skips : writes).add(step);
    }
    writes.sort(Comparator.comparing(step -> !(desiredOf(step) instanceof Service)));
    List<Step> steps = new ArrayList<>(writes);
    steps.addAll(skips);
    for (HasMetadata live : observed.children()) {
      boolean wanted = desired.stream().anyMatch(d -> d.getClass() == live.getClass());
      if (!wanted
          && observed.controlled(live)
          && live.getMetadata().getDeletionTimestamp() == null) {
        steps.add(new Step.Delete(live));
      }
    }
    return List.copyOf(steps);
  }

  private static Step step(HasMetadata desired, HasMetadata live, Observed observed, Prior prior) {
    if (live == null) {
      return ChildRenderer.runsOnce(desired) && prior.ranAtThisGeneration()
          ? new Step.Skip(desired, Step.Why.ALREADY_RAN)
          : new Step.Create(desired);
    }
    if (live.getMetadata().getDeletionTimestamp() != null) {
      return new Step.Skip(live, Step.Why.BEING_DELETED);
    }
    // A child without a hash was made before hashes were written: updated in place (which adds
    // the hash), so an operator upgrade does not run every Job again.
    String liveHash = SpecHash.on(live);
    if (SpecHash.immutableKind(desired)
        && liveHash != null
        && !liveHash.equals(SpecHash.on(desired))) {
      return new Step.Replace(desired, live);
    }
    if (observed.isUpToDate(live)) {
      return new Step.Skip(live, Step.Why.UP_TO_DATE);
    }
    return new Step.Update(desired, live);
  }

  static HasMetadata desiredOf(Step step) {
    if (step instanceof Step.Create create) {
      return create.desired();
    }
    if (step instanceof Step.Update update) {
      return update.desired();
    }
    if (step instanceof Step.Replace replace) {
      return replace.desired();
    }
    return null;
  }
}
