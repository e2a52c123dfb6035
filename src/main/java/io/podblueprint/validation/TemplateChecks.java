package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.POD;
import static io.podblueprint.validation.PodSpecs.isBlank;
import static io.podblueprint.validation.PodSpecs.quoted;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.validation.PodSpecs.ContainerAt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pod template is there, has containers, and each container has a unique name and image. */
final class TemplateChecks {
  private TemplateChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    if (spec.template == null) {
      out.add(
          new Finding(
              PodSpecs.TEMPLATE,
              "is required: give the pods' labels and a spec with at least one container"));
      return;
    }
    PodSpec pod = spec.template.getSpec();
    if (pod == null) {
      out.add(new Finding(POD, "is required: give at least one container"));
      return;
    }
    if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
      out.add(new Finding(POD + ".containers", "at least one container is required"));
    }
    Map<String, String> seen = new HashMap<>();
    for (ContainerAt at : PodSpecs.containers(spec)) {
      if (isBlank(at.name())) {
        out.add(new Finding(at.path() + ".name", "is required: give the container a name"));
      } else {
        String first = seen.putIfAbsent(at.name(), at.path());
        if (first != null) {
          out.add(
              new Finding(
                  at.path() + ".name",
                  "duplicate container name "
                      + quoted(at.name())
                      + ", already used by "
                      + first
                      + ": names must be unique across containers and initContainers"));
        }
      }
      if (isBlank(at.container().getImage())) {
        out.add(
            new Finding(
                at.path() + ".image",
                "is required: name the image to run, for example nginx:1.27"));
      }
    }
  }
}
