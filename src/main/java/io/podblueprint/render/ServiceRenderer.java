package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.ServiceOptions;
import io.podblueprint.api.v1alpha1.ServicePortOptions;
import java.util.List;

/** The optional Service: it selects exactly the blueprint's pods through the stable selector. */
public final class ServiceRenderer {
  private ServiceRenderer() {}

  public static Service render(PodBlueprint blueprint) {
    ServiceOptions options = blueprint.getSpec().service;
    String type = options.type == null ? "ClusterIP" : options.type.name();
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(blueprint, Names.service(blueprint)))
        .withNewSpec()
        .withType(type)
        .withSelector(Labels.selector(blueprint))
        .withPorts(ports(options.ports))
        .endSpec()
        .build();
  }

  private static List<ServicePort> ports(List<ServicePortOptions> ports) {
    return ports.stream().map(ServiceRenderer::port).toList();
  }

  private static ServicePort port(ServicePortOptions port) {
    IntOrString target = port.targetPort == null ? new IntOrString(port.port) : port.targetPort;
    return new ServicePortBuilder()
        .withName(port.name)
        .withPort(port.port)
        .withTargetPort(target)
        .withProtocol(port.protocol == null ? "TCP" : port.protocol.name())
        .withNodePort(port.nodePort)
        .build();
  }
}
