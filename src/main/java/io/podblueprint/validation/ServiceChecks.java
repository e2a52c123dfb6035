package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.quoted;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.api.v1alpha1.ServiceOptions;
import io.podblueprint.api.v1alpha1.ServicePortOptions;
import io.podblueprint.validation.PodSpecs.ContainerAt;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The Service has ports, and each named targetPort is a port name some container exposes. */
final class ServiceChecks {
  static final String PORTS = "spec.service.ports";

  private ServiceChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    ServiceOptions service = spec.service;
    if (service == null) {
      return;
    }
    if (service.ports == null || service.ports.isEmpty()) {
      out.add(new Finding(PORTS, "at least one port is required"));
      return;
    }
    Set<String> named = namedPorts(spec);
    for (int i = 0; i < service.ports.size(); i++) {
      ServicePortOptions port = service.ports.get(i);
      String path = PORTS + "[" + i + "]";
      if (port == null || port.port == null) {
        out.add(new Finding(path + ".port", "is required: the port the Service listens on"));
        continue;
      }
      if (port.targetPort != null && port.targetPort.getStrVal() != null) {
        targetName(path + ".targetPort", port.targetPort.getStrVal(), named, out);
      }
    }
  }

  private static void targetName(String field, String name, Set<String> named, List<Finding> out) {
    if (named.contains(name)) {
      return;
    }
    String known =
        named.isEmpty()
            ? "no container names its ports"
            : "the named ports are " + String.join(", ", named);
    out.add(
        new Finding(
            field,
            "no container exposes a port named "
                + quoted(name)
                + " ("
                + known
                + "): name a port in the containers' ports, or give a port number"));
  }

  /** Port names of the containers and the sidecar init containers, which serve traffic too. */
  private static Set<String> namedPorts(PodBlueprintSpec spec) {
    Set<String> names = new TreeSet<>();
    for (ContainerAt at : PodSpecs.containers(spec)) {
      if ((at.init() && !at.sidecar()) || at.container().getPorts() == null) {
        continue;
      }
      for (ContainerPort port : at.container().getPorts()) {
        if (port != null && port.getName() != null && !port.getName().isEmpty()) {
          names.add(port.getName());
        }
      }
    }
    return names;
  }
}
