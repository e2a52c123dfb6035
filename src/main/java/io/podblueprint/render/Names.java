package io.podblueprint.render;

import io.podblueprint.api.v1alpha1.PodBlueprint;

/** Children are named after their blueprint, so `kubectl get deploy NAME` finds them. */
public final class Names {
  private Names() {}

  public static String workload(PodBlueprint blueprint) {
    return blueprint.getMetadata().getName();
  }

  public static String service(PodBlueprint blueprint) {
    return blueprint.getMetadata().getName();
  }
}
