package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ServiceRendererTest {
  private static Service render(String service) {
    return ServiceRenderer.render(
        Blueprints.simple("web", WorkloadKind.Deployment, service.stripIndent()));
  }

  @Test
  void portDefaultsTargetPortToPortAndProtocolToTcp() {
    ServicePort port = render("service:\n  ports:\n  - port: 8080\n").getSpec().getPorts().get(0);
    assertThat(port.getPort()).isEqualTo(8080);
    assertThat(port.getTargetPort()).isEqualTo(new IntOrString(8080));
    assertThat(port.getProtocol()).isEqualTo("TCP");
    assertThat(port.getName()).isNull();
    assertThat(port.getNodePort()).isNull();
  }

  @Test
  void namedAndNumberedTargetPortsAndProtocolsAreKept() {
    Service service =
        render(
            """
            service:
              ports:
              - {name: http, port: 80, targetPort: http}
              - {name: metrics, port: 9090, targetPort: 19090}
              - {name: dns, port: 53, protocol: UDP}
              - {name: sig, port: 3868, protocol: SCTP}
            """);
    var ports = service.getSpec().getPorts();
    assertThat(ports)
        .extracting(ServicePort::getName)
        .containsExactly("http", "metrics", "dns", "sig");
    assertThat(ports.get(0).getTargetPort()).isEqualTo(new IntOrString("http"));
    assertThat(ports.get(1).getTargetPort()).isEqualTo(new IntOrString(19090));
    assertThat(ports.get(2).getProtocol()).isEqualTo("UDP");
    assertThat(ports.get(2).getTargetPort()).isEqualTo(new IntOrString(53));
    assertThat(ports.get(3).getProtocol()).isEqualTo("SCTP");
    assertThat(Blueprints.yaml(service)).contains("targetPort: \"http\"", "targetPort: 19090");
  }

  @Test
  void typeDefaultsToClusterIp() {
    assertThat(render("service:\n  ports:\n  - port: 80\n").getSpec().getType())
        .isEqualTo("ClusterIP");
  }

  @Test
  void nodePortAndLoadBalancer() {
    Service nodePort =
        render("service:\n  type: NodePort\n  ports:\n  - {port: 80, nodePort: 30080}\n");
    assertThat(nodePort.getSpec().getType()).isEqualTo("NodePort");
    assertThat(nodePort.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
    Service balancer = render("service:\n  type: LoadBalancer\n  ports:\n  - port: 443\n");
    assertThat(balancer.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(balancer.getSpec().getPorts().get(0).getNodePort()).isNull();
  }

  @Test
  void selectsExactlyTheBlueprintsPods() {
    Service service =
        ServiceRenderer.render(
            Blueprints.named(
                "web",
                """
                template:
                  metadata:
                    labels: {tier: frontend, app.kubernetes.io/name: shop}
                  spec:
                    containers:
                    - {name: a, image: b}
                service:
                  ports:
                  - port: 80
                """));
    assertThat(service.getSpec().getSelector()).isEqualTo(Map.of(Labels.BLUEPRINT, "web"));
    assertThat(service.getMetadata().getName()).isEqualTo("web");
    assertThat(service.getMetadata().getLabels()).containsEntry("tier", "frontend");
    assertThat(service.getSpec().getClusterIP()).isNull();
  }
}
