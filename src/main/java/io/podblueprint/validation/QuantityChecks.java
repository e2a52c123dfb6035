package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.POD;
import static io.podblueprint.validation.PodSpecs.quoted;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.validation.PodSpecs.ContainerAt;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Resource requests and limits and emptyDir size limits parse as Kubernetes quantities. */
final class QuantityChecks {
  static final String ALLOWED =
      "use a number with an optional suffix, for example 250m, 1.5, 128Mi or 1G";

  private QuantityChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    for (ContainerAt at : PodSpecs.containers(spec)) {
      ResourceRequirements resources = at.container().getResources();
      if (resources != null) {
        quantities(at.path() + ".resources.limits", resources.getLimits(), out);
        quantities(at.path() + ".resources.requests", resources.getRequests(), out);
      }
    }
    PodSpec pod = PodSpecs.pod(spec);
    if (pod == null || pod.getVolumes() == null) {
      return;
    }
    List<Volume> volumes = pod.getVolumes();
    for (int i = 0; i < volumes.size(); i++) {
      Volume volume = volumes.get(i);
      if (volume != null && volume.getEmptyDir() != null) {
        String field = POD + ".volumes[" + i + "].emptyDir.sizeLimit";
        quantity(field, volume.getEmptyDir().getSizeLimit(), out);
      }
    }
  }

  private static void quantities(String path, Map<String, Quantity> values, List<Finding> out) {
    if (values == null) {
      return;
    }
    // Sorted, so the findings come out in the same order whatever map the parser built.
    new TreeMap<>(values).forEach((name, value) -> quantity(path + "." + name, value, out));
  }

  private static void quantity(String field, Quantity value, List<Finding> out) {
    if (value == null) {
      return;
    }
    String text = text(value);
    if (!Syntax.quantity(text)) {
      out.add(new Finding(field, quoted(text) + " is not a valid quantity: " + ALLOWED));
    }
  }

  private static String text(Quantity value) {
    String amount = value.getAmount() == null ? "" : value.getAmount();
    String format = value.getFormat() == null ? "" : value.getFormat();
    return amount + format;
  }
}
