package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.quoted;

import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The pod template's label keys are qualified names and its values valid label values. */
final class LabelChecks {
  static final String FIELD = PodSpecs.TEMPLATE + ".metadata.labels";
  static final String KEY_RULE =
      "a label key is an optional DNS subdomain prefix (at most 253 characters) and '/',"
          + " then a name of at most 63 characters of letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit, for example example.com/tier";
  static final String VALUE_RULE =
      "a label value is empty or at most 63 characters of letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit";

  private LabelChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    if (spec.template == null || spec.template.getMetadata() == null) {
      return;
    }
    Map<String, String> labels = spec.template.getMetadata().getLabels();
    if (labels == null) {
      return;
    }
    sorted(labels)
        .forEach(
            (key, value) -> {
              if (!Syntax.qualifiedName(key)) {
                out.add(new Finding(FIELD, quoted(key) + " is not a valid label key: " + KEY_RULE));
              }
              if (value != null && !Syntax.labelValue(value)) {
                out.add(
                    new Finding(
                        FIELD + "[" + key + "]",
                        quoted(value) + " is not a valid label value: " + VALUE_RULE));
              }
            });
  }

  /** Sorted for a stable order; a null key reads as the empty key, which is invalid. */
  private static Map<String, String> sorted(Map<String, String> labels) {
    Map<String, String> copy = new TreeMap<>();
    labels.forEach((key, value) -> copy.put(key == null ? "" : key, value));
    return copy;
  }
}
