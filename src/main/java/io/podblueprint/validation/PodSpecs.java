package io.podblueprint.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import java.util.ArrayList;
import java.util.List;

/** Null-safe access to the blueprint's pod spec and its containers, with their field paths. */
final class PodSpecs {
  static final String TEMPLATE = "spec.template";
  static final String POD = TEMPLATE + ".spec";

  private PodSpecs() {}

  /** One container of the pod spec and the path it sits at. */
  record ContainerAt(String path, Container container, boolean init) {
    /** An init container that keeps running beside the main containers (restartPolicy Always). */
    boolean sidecar() {
      return init && "Always".equals(container.getRestartPolicy());
    }

    String name() {
      return container.getName();
    }
  }

  /** The pod spec, or null when the template or its spec is missing. */
  static PodSpec pod(PodBlueprintSpec spec) {
    return spec.template == null ? null : spec.template.getSpec();
  }

  /** The containers, then the init containers; entries that are null are left out. */
  static List<ContainerAt> containers(PodBlueprintSpec spec) {
    PodSpec pod = pod(spec);
    List<ContainerAt> all = new ArrayList<>();
    if (pod != null) {
      add(all, "containers", pod.getContainers(), false);
      add(all, "initContainers", pod.getInitContainers(), true);
    }
    return all;
  }

  private static void add(List<ContainerAt> all, String list, List<Container> items, boolean init) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) != null) {
        all.add(new ContainerAt(POD + "." + list + "[" + i + "]", items.get(i), init));
      }
    }
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  static String quoted(String value) {
    return "\"" + value + "\"";
  }
}
