package io.podblueprint.validation;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks the API server's schema cannot express (or that the offline render cannot leave to the
 * API server). Pure: a blueprint in, findings out; it never throws on user input.
 */
public final class BlueprintValidator {
  private BlueprintValidator() {}

  /** Every finding, in a stable order (field by field as the spec reads); empty when valid. */
  public static List<Finding> validate(PodBlueprint blueprint) {
    List<Finding> findings = new ArrayList<>();
    if (blueprint == null) {
      findings.add(new Finding("", "no blueprint given"));
      return List.copyOf(findings);
    }
    NameChecks.check(blueprint, findings);
    if (blueprint.getSpec() == null) {
      findings.add(new Finding("spec", "is required: give at least spec.template"));
      return List.copyOf(findings);
    }
    TemplateChecks.check(blueprint.getSpec(), findings);
    ContainerChecks.check(blueprint.getSpec(), findings);
    EnvChecks.check(blueprint.getSpec(), findings);
    QuantityChecks.check(blueprint.getSpec(), findings);
    LabelChecks.check(blueprint.getSpec(), findings);
    WorkloadChecks.check(blueprint.getSpec(), findings);
    ServiceChecks.check(blueprint.getSpec(), findings);
    return List.copyOf(findings);
  }
}
