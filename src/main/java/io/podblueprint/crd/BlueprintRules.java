package io.podblueprint.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

/**
 * Rules on the whole blueprint: its name becomes the children's names and a label value, so it must
 * fit where those go. Only metadata.name is visible to CEL at the root.
 */
final class BlueprintRules {
  private BlueprintRules() {}

  static void apply(JSONSchemaProps root) {
    Schemas.rule(
        root,
        "size(self.metadata.name) <= 63",
        "metadata.name: must be at most 63 characters, because it names the children and is"
            + " used as a label value",
        "FieldValueInvalid");
    Schemas.rule(
        root,
        "!has(self.spec.workload) || self.spec.workload != 'CronJob'"
            + " || size(self.metadata.name) <= 52",
        "metadata.name: a CronJob blueprint's name must be at most 52 characters, because"
            + " Kubernetes appends 11 characters to name each Job",
        "FieldValueInvalid");
    Schemas.rule(
        root,
        "!has(self.spec.service) || self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        "metadata.name: a blueprint with a service must have a name that is a DNS-1035 label"
            + " (lower-case letters, digits and '-', starting with a letter), because it names"
            + " the Service",
        "FieldValueInvalid");
  }
}
