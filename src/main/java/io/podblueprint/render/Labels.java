package io.podblueprint.render;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.Map;
import java.util.TreeMap;

/** The labels every child and every pod of a blueprint carries, and the selector built on them. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "podblueprint-operator";

  /** Selects exactly one blueprint's pods; the operator maps watch events back with it. */
  public static final String BLUEPRINT = "podblueprint.io/name";

  /** The label selector the operator's informers use, so memory grows with blueprints only. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private Labels() {}

  /** The stable selector: never changes for the blueprint's lifetime, selects only its pods. */
  public static Map<String, String> selector(PodBlueprint blueprint) {
    return new TreeMap<>(Map.of(BLUEPRINT, blueprint.getMetadata().getName()));
  }

  /** The template's own labels with the operator's added; the operator's win where they clash. */
  public static Map<String, String> of(PodBlueprint blueprint) {
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> own = templateLabels(blueprint);
    labels.putAll(own);
    String name = blueprint.getMetadata().getName();
    labels.putIfAbsent(NAME, name);
    labels.put(INSTANCE, name);
    labels.put(MANAGED_BY, OPERATOR);
    labels.putAll(selector(blueprint));
    return labels;
  }

  private static Map<String, String> templateLabels(PodBlueprint blueprint) {
    var template = blueprint.getSpec().template;
    if (template == null || template.getMetadata() == null) {
      return Map.of();
    }
    Map<String, String> labels = template.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
