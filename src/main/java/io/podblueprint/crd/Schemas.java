package io.podblueprint.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import java.util.ArrayList;
import java.util.List;

/** Small helpers to walk and amend an OpenAPI v3 schema tree. */
final class Schemas {
  private Schemas() {}

  /** The schema of the property at the given path, stepping through arrays' items. */
  static JSONSchemaProps path(JSONSchemaProps node, String... names) {
    JSONSchemaProps current = node;
    for (String name : names) {
      current = element(current.getProperties().get(name));
      if (current == null) {
        throw new IllegalStateException("no property " + name + " in the generated schema");
      }
    }
    return current;
  }

  /** For an array its items' schema, for a map its values' schema, otherwise the node itself. */
  static JSONSchemaProps element(JSONSchemaProps node) {
    if (node == null) {
      return null;
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      return node.getItems().getSchema();
    }
    if (node.getAdditionalProperties() != null
        && node.getAdditionalProperties().getSchema() != null) {
      return node.getAdditionalProperties().getSchema();
    }
    return node;
  }

  static void rule(JSONSchemaProps node, String rule, String message, String reason) {
    List<ValidationRule> rules =
        node.getXKubernetesValidations() == null
            ? new ArrayList<>()
            : new ArrayList<>(node.getXKubernetesValidations());
    if (rules.stream().noneMatch(r -> r.getRule().equals(rule))) {
      rules.add(
          new ValidationRuleBuilder()
              .withRule(rule)
              .withMessage(message)
              .withReason(reason)
              .build());
    }
    node.setXKubernetesValidations(rules);
  }

  static void require(JSONSchemaProps node, String... fields) {
    List<String> required =
        node.getRequired() == null ? new ArrayList<>() : new ArrayList<>(node.getRequired());
    for (String field : fields) {
      if (!required.contains(field)) {
        required.add(field);
      }
    }
    node.setRequired(required);
  }

  static void listMap(JSONSchemaProps list, String... keys) {
    list.setXKubernetesListType("map");
    list.setXKubernetesListMapKeys(List.of(keys));
  }
}
