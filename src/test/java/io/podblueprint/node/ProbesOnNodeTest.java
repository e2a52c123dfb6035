package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodSummary;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.Kubectl;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every kind of probe, executed by the real kubelet, and what the operator reports of it. */
@Tag("node")
class ProbesOnNodeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  @RegisterExtension static final TestNamespace ns = TestNamespace.onRealNode("probes");

  static String pod(String name, String container) {
    return Blueprints.named(name)
        .workload("Pod")
        .podSpec("terminationGracePeriodSeconds: 1")
        .containers(container)
        .yaml();
  }

  /** Waits until the blueprint's pod summary counts exactly the restarts the kubelet reports. */
  static void awaitRestartsCounted(String name, int atLeast) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              int kubelet =
                  RealNode.containerStatuses(ns.name(), name)
                      .mapToInt(ContainerStatus::getRestartCount)
                      .sum();
              List<PodSummary> pods = ClusterTests.get(ns.name(), name).getStatus().pods;
              return kubelet >= atLeast
                  && pods.size() == 1
                  && pods.get(0).restarts() != null
                  && pods.get(0).restarts() == kubelet
                  && RealNode.NAME.equals(pods.get(0).node());
            });
  }

  @Test
  void anExecLivenessProbeRestartsTheContainerAndTheRestartIsCounted() {
    RealNode.apply(
        ns.name(),
        pod(
            "exec-liveness",
            """
            - name: app
              image: busybox:1.36
              command: ["sh", "-c", "touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 600"]
              livenessProbe:
                exec: {command: ["cat", "/tmp/healthy"]}
                periodSeconds: 1
                failureThreshold: 1
            """));
    ContainerStatus restarted =
        RealNode.awaitContainer(ns.name(), "exec-liveness", c -> c.getRestartCount() >= 1, TIMEOUT);
    assertThat(restarted.getLastState().getTerminated().getExitCode()).isEqualTo(137);
    RealNode.awaitKubeletEvent(
        ns.name(), "exec-liveness", "Unhealthy", "Liveness probe failed", TIMEOUT);
    RealNode.awaitKubeletEvent(
        ns.name(), "exec-liveness", "Killing", "failed liveness probe, will be restarted", TIMEOUT);
    awaitRestartsCounted("exec-liveness", 1);
  }

  @Test
  void aTcpSocketLivenessProbeOnAClosedPortRestartsTheContainer() {
    RealNode.apply(
        ns.name(),
        pod(
            "tcp-liveness",
            """
            - name: app
              image: registry.k8s.io/e2e-test-images/agnhost:2.53
              args: ["netexec", "--http-port=8080"]
              livenessProbe:
                tcpSocket: {port: 8089}
                periodSeconds: 1
                failureThreshold: 1
            """));
    RealNode.awaitContainer(ns.name(), "tcp-liveness", c -> c.getRestartCount() >= 1, TIMEOUT);
    RealNode.awaitKubeletEvent(
        ns.name(), "tcp-liveness", "Unhealthy", "connection refused", TIMEOUT);
    awaitRestartsCounted("tcp-liveness", 1);
  }

  @Test
  void aGrpcReadinessProbeFollowsTheServersHealth() {
    RealNode.apply(
        ns.name(),
        pod(
            "grpc-readiness",
            """
            - name: app
              image: registry.k8s.io/e2e-test-images/agnhost:2.53
              args: ["grpc-health-checking", "--port=5000", "--delay-unhealthy-sec=15"]
              readinessProbe:
                grpc: {port: 5000}
                periodSeconds: 1
                failureThreshold: 1
            """));
    ClusterTests.awaitCondition(ns.name(), "grpc-readiness", ConditionTypes.READY, "True", TIMEOUT);
    RealNode.awaitKubeletEvent(
        ns.name(),
        "grpc-readiness",
        "Unhealthy",
        "Readiness probe failed: service unhealthy (responded with \"NOT_SERVING\")",
        TIMEOUT);
    PodBlueprint notReady =
        ClusterTests.awaitCondition(
            ns.name(), "grpc-readiness", ConditionTypes.READY, "False", TIMEOUT);
    assertThat(notReady.getStatus().pods)
        .singleElement()
        .satisfies(p -> assertThat(p.ready()).isFalse());
    assertThat(RealNode.containerStatuses(ns.name(), "grpc-readiness"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getReady()).isFalse();
              assertThat(c.getState().getRunning()).isNotNull();
              assertThat(c.getRestartCount()).isZero();
            });
  }

  @Test
  void aStartupProbeHoldsOffTheLivenessProbe() {
    // Without the startup probe, the liveness probe (1 failure) would kill the container at once.
    RealNode.apply(
        ns.name(),
        pod(
            "startup",
            """
            - name: app
              image: busybox:1.36
              command: ["sh", "-c", "sleep 6; touch /tmp/started; sleep 600"]
              startupProbe:
                exec: {command: ["test", "-f", "/tmp/started"]}
                periodSeconds: 1
                failureThreshold: 30
              livenessProbe:
                exec: {command: ["test", "-f", "/tmp/started"]}
                periodSeconds: 1
                failureThreshold: 1
              readinessProbe:
                exec: {command: ["test", "-f", "/tmp/started"]}
                periodSeconds: 1
            """));
    RealNode.awaitKubeletEvent(ns.name(), "startup", "Unhealthy", "Startup probe failed", TIMEOUT);
    PodBlueprint ready =
        ClusterTests.awaitCondition(ns.name(), "startup", ConditionTypes.READY, "True", TIMEOUT);
    assertThat(ready.getStatus().pods)
        .singleElement()
        .satisfies(p -> assertThat(p.restarts()).isZero());
    assertThat(RealNode.containerStatuses(ns.name(), "startup"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStarted()).isTrue();
              assertThat(c.getRestartCount()).isZero();
            });
    String pod = RealNode.pods(ns.name(), "startup").get(0).getMetadata().getName();
    assertThat(RealNode.kubeletEvents(ns.name(), pod))
        .noneMatch(e -> e.getMessage() != null && e.getMessage().startsWith("Liveness probe"));
  }

  @Test
  void anHttpGetReadinessProbeGatesReadyAndTheServicesReadyEndpoints() {
    // busybox httpd answers 404 until the page the probe asks for exists.
    RealNode.apply(
        ns.name(),
        Blueprints.named("http-readiness")
            .workload("Deployment")
            .spec("replicas: 1\nservice:\n  ports: [{name: http, port: 80, targetPort: http}]")
            .podSpec("terminationGracePeriodSeconds: 1")
            .containers(
                """
                - name: web
                  image: busybox:1.36
                  command: ["sh", "-c", "mkdir -p /www; exec httpd -f -p 8080 -h /www"]
                  ports: [{name: http, containerPort: 8080}]
                  readinessProbe:
                    httpGet: {path: /ready.html, port: 8080}
                    periodSeconds: 1
                    failureThreshold: 1
                """)
            .yaml());
    RealNode.awaitKubeletEvent(
        ns.name(),
        "http-readiness",
        "Unhealthy",
        "Readiness probe failed: HTTP probe failed",
        TIMEOUT);
    PodBlueprint notReady = ClusterTests.get(ns.name(), "http-readiness");
    assertThat(ClusterTests.condition(notReady, ConditionTypes.READY).orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(readyEndpoints("http-readiness")).isEmpty();

    String pod = RealNode.pods(ns.name(), "http-readiness").get(0).getMetadata().getName();
    Kubectl.run("exec", "-n", ns.name(), pod, "--", "sh", "-c", "echo ok > /www/ready.html")
        .orFail();
    ClusterTests.awaitCondition(ns.name(), "http-readiness", ConditionTypes.READY, "True", TIMEOUT);
    String podIp = RealNode.pods(ns.name(), "http-readiness").get(0).getStatus().getPodIP();
    await().atMost(TIMEOUT).until(() -> readyEndpoints("http-readiness").equals(List.of(podIp)));

    // kube-proxy: the Service's ClusterIP reaches the ready pod (from this host, over the bridge).
    String clusterIp =
        KwokCluster.client()
            .services()
            .inNamespace(ns.name())
            .withName("http-readiness")
            .get()
            .getSpec()
            .getClusterIP();
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> httpGet("http://" + clusterIp + "/ready.html").equals("ok\n"));
  }

  static String httpGet(String url) throws Exception {
    var client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .timeout(Duration.ofSeconds(2))
            .build();
    return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The addresses the EndpointSlice controller marks ready for the blueprint's Service. */
  static List<String> readyEndpoints(String service) {
    return KwokCluster.client()
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(ns.name())
        .withLabel("kubernetes.io/service-name", service)
        .list()
        .getItems()
        .stream()
        .flatMap(
            s ->
                s.getEndpoints() == null
                    ? java.util.stream.Stream.<Endpoint>empty()
                    : s.getEndpoints().stream())
        .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
        .flatMap(e -> e.getAddresses().stream())
        .toList();
  }
}
