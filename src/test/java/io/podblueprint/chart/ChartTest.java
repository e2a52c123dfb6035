package io.podblueprint.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.podblueprint.chart.Manifests.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart installs the same objects as the kustomize manifests: `helm template` (the real
 * Helm 4) and `kubectl kustomize` (the control plane's kubectl) are rendered and compared as parsed
 * objects, so the two hand-written copies cannot drift apart. And the chart's values do what
 * values.yaml says.
 */
@Tag("unit")
class ChartTest {
  static final Path BASE = Path.of("k8s/deploy/base");
  static final Path NAMESPACED = Path.of("k8s/deploy/overlays/namespaced");
  static final Path REAL_NODE = Path.of("k8s/deploy/overlays/real-node");
  static final Path SERVICE_MONITOR = Path.of("k8s/monitoring/servicemonitor.yaml");
  static final String NAMESPACE = "podblueprint-system";

  @Test
  void theDefaultValuesInstallWhatTheKustomizeBaseInstalls() {
    Map<String, JsonNode> chart = Manifests.helmTemplate(NAMESPACE);
    Map<String, JsonNode> base = Manifests.kustomize(BASE);
    assertThat(base)
        .containsKeys(
            "v1/Namespace//" + NAMESPACE,
            "apps/v1/Deployment/" + NAMESPACE + "/podblueprint-operator");
    Manifests.assertSameObjects(
        chart, base, "helm template (default values)", "kubectl kustomize " + BASE);
  }

  @Test
  void watchNamespacesInstallsWhatTheNamespacedOverlayInstalls() {
    Map<String, JsonNode> chart =
        Manifests.helmTemplate(NAMESPACE, "--set", "watchNamespaces={team-a,team-b}");
    Map<String, JsonNode> overlay = Manifests.kustomize(NAMESPACED);
    assertThat(overlay)
        .doesNotContainKey(
            "rbac.authorization.k8s.io/v1/ClusterRoleBinding//podblueprint-operator");
    Manifests.assertSameObjects(
        chart,
        overlay,
        "helm template --set watchNamespaces={team-a,team-b}",
        "kubectl kustomize " + NAMESPACED);
  }

  @Test
  void theRealNodeValuesInstallWhatTheRealNodeOverlayInstalls() {
    Map<String, JsonNode> chart =
        Manifests.helmTemplate(NAMESPACE, "--values", REAL_NODE.resolve("values.yaml").toString());
    Map<String, JsonNode> overlay = Manifests.kustomize(REAL_NODE);
    assertThat(
            overlay
                .get("apps/v1/Deployment/" + NAMESPACE + "/podblueprint-operator")
                .at("/spec/template/spec/nodeSelector/kubernetes.io~1hostname")
                .asText())
        .isEqualTo("podblueprint-node");
    Manifests.assertSameObjects(
        chart,
        overlay,
        "helm template --values " + REAL_NODE + "/values.yaml",
        "kubectl kustomize " + REAL_NODE);
  }

  @Test
  void theServiceMonitorIsOffByDefaultAndOnIsTheMonitoringManifest() throws IOException {
    assertThat(Manifests.helmTemplate(NAMESPACE).keySet())
        .noneMatch(k -> k.contains("ServiceMonitor"));
    Map<String, JsonNode> on =
        Manifests.helmTemplate(NAMESPACE, "--set", "metrics.serviceMonitor.enabled=true");
    Map<String, JsonNode> shipped = Manifests.parse(Files.readString(SERVICE_MONITOR));
    String key = "monitoring.coreos.com/v1/ServiceMonitor/" + NAMESPACE + "/podblueprint-operator";
    assertThat(shipped).containsOnlyKeys(key);
    Manifests.assertSameObjects(
        Map.of(key, on.get(key)), shipped, "helm template", SERVICE_MONITOR.toString());

    Map<String, JsonNode> labelled =
        Manifests.helmTemplate(
            NAMESPACE,
            "--set",
            "metrics.serviceMonitor.enabled=true,metrics.serviceMonitor.labels.release=prom,metrics.serviceMonitor.interval=10s");
    assertThat(labelled.get(key).at("/metadata/labels/release").asText()).isEqualTo("prom");
    assertThat(labelled.get(key).at("/spec/endpoints/0/interval").asText()).isEqualTo("10s");
  }

  @Test
  void theImageIsTaggedWithTheProjectVersionNeverLatest() throws IOException {
    String version = projectVersion();
    String chart = Files.readString(Path.of("charts/podblueprint-operator/Chart.yaml"));
    assertThat(chart).containsPattern("(?m)^version: " + Pattern.quote(version) + "$");
    assertThat(chart).containsPattern("(?m)^appVersion: " + Pattern.quote(version) + "$");
    assertThat(container(Manifests.helmTemplate(NAMESPACE)).get("image").asText())
        .isEqualTo("podblueprint-operator:" + version);
    assertThat(container(Manifests.kustomize(BASE)).get("image").asText())
        .isEqualTo("podblueprint-operator:" + version);

    Map<String, JsonNode> pinned =
        Manifests.helmTemplate(
            NAMESPACE, "--set", "image.repository=registry.example.com/pbp,image.tag=1.2.3");
    assertThat(container(pinned).get("image").asText()).isEqualTo("registry.example.com/pbp:1.2.3");
    Result latest =
        Manifests.helm("template", "x", Manifests.CHART.toString(), "--set", "image.tag=latest");
    assertThat(latest.exitCode()).isNotZero();
    assertThat(latest.output()).contains("image.tag: latest is refused");
  }

  @Test
  void replicasResourcesLogLevelAndLeaderElectionReachTheDeployment() {
    Map<String, JsonNode> objects =
        Manifests.helmTemplate(
            NAMESPACE,
            "--set",
            "replicas=3,resources.limits.memory=1Gi,logLevel=DEBUG,leaderElection.leaseDuration=30s,leaderElection.renewDeadline=20s,leaderElection.retryPeriod=4s");
    JsonNode deployment = deployment(objects);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    JsonNode container = container(objects);
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
    assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("256Mi");
    assertThat(env(container))
        .containsEntry("QUARKUS_PROFILE", "prod")
        .containsEntry("LOG_LEVEL", "DEBUG")
        .containsEntry("LEASE_DURATION", "30s")
        .containsEntry("LEASE_RENEW_DEADLINE", "20s")
        .containsEntry("LEASE_RETRY_PERIOD", "4s");

    Map<String, JsonNode> single =
        Manifests.helmTemplate(NAMESPACE, "--set", "replicas=1,leaderElection.enabled=false");
    assertThat(env(container(single))).containsEntry("QUARKUS_PROFILE", "run");
    assertThat(single.keySet()).noneMatch(k -> k.contains("leader-election"));

    Result two =
        Manifests.helm(
            "template", "x", Manifests.CHART.toString(), "--set", "leaderElection.enabled=false");
    assertThat(two.exitCode()).isNotZero();
    assertThat(two.output()).contains("replicas > 1 needs leaderElection.enabled");
  }

  @Test
  void theAdmissionPolicyAndTheNetworkPolicyAreOnByDefaultAndCanBeSwitchedOff() {
    String policy = "podblueprint-requester-may-create-children";
    String vap = "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy//" + policy;
    String binding = "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding//" + policy;
    String network = "networking.k8s.io/v1/NetworkPolicy/" + NAMESPACE + "/podblueprint-operator";
    assertThat(Manifests.helmTemplate(NAMESPACE)).containsKeys(vap, binding, network);
    Map<String, JsonNode> off =
        Manifests.helmTemplate(
            NAMESPACE, "--set", "admissionPolicy.enabled=false,networkPolicy.enabled=false");
    assertThat(off).doesNotContainKeys(vap, binding, network);
  }

  @Test
  void helmLintPassesStrictly() {
    Result lint = Manifests.helm("lint", "--strict", Manifests.CHART.toString());
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  private static JsonNode deployment(Map<String, JsonNode> objects) {
    return objects.get("apps/v1/Deployment/" + NAMESPACE + "/podblueprint-operator");
  }

  private static JsonNode container(Map<String, JsonNode> objects) {
    return deployment(objects).at("/spec/template/spec/containers/0");
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    container
        .get("env")
        .forEach(e -> env.put(e.get("name").asText(), e.path("value").asText(null)));
    return env;
  }

  private static String projectVersion() throws IOException {
    Matcher version =
        Pattern.compile("(?m)^  <version>([^<]+)</version>$")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).as("the project's version in pom.xml").isTrue();
    return version.group(1);
  }
}
