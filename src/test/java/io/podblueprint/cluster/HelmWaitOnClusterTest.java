package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.clients.Clients;
import io.podblueprint.status.ConditionTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm 4 (built from helm.sh/helm/v4) installing a chart that holds a blueprint, with {@code
 * --wait=watcher}: Helm's kstatus-based wait. It returns once the blueprint is Ready, fails before
 * its timeout naming a blueprint that stalls, and an upgrade waits for the new generation.
 */
@Tag("cluster")
class HelmWaitOnClusterTest {
  static final String TIMEOUT = "180s";
  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("helm");

  @TempDir static Path home;
  static Path chart;

  static final String TEMPLATE =
      """
      apiVersion: podblueprint.io/v1alpha1
      kind: PodBlueprint
      metadata:
        name: {{ .Values.name }}
      spec:
        workload: Deployment
        replicas: {{ .Values.replicas }}
        template:
          spec:
            containers:
              - name: web
                image: {{ .Values.image }}
                {{- if .Values.requestsAboveLimits }}
                resources:
                  requests: {cpu: "2"}
                  limits: {cpu: "1"}
                {{- end }}
      """;

  @BeforeAll
  static void setUp() throws IOException {
    chart = home.resolve("blueprint-chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("Chart.yaml"),
        "apiVersion: v2\nname: blueprint-chart\nversion: 0.1.0\ndescription: one blueprint\n");
    Files.writeString(
        chart.resolve("values.yaml"),
        "name: web\nreplicas: 1\nimage: nginx:1.27\nrequestsAboveLimits: false\n");
    Files.writeString(chart.resolve("templates").resolve("blueprint.yaml"), TEMPLATE);
  }

  /** helm with its own config, cache and data directories, against $KUBECONFIG. */
  static Clients.Result helm(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--namespace", ns.name()));
    Map<String, String> env =
        Map.of(
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_DATA_HOME", home.resolve("data").toString());
    return Clients.run(Duration.ofMinutes(4), "", env, "helm", all.toArray(String[]::new));
  }

  static boolean readyAtItsGeneration(String name) {
    PodBlueprint blueprint = ClusterTests.get(ns.name(), name);
    Long generation = blueprint.getMetadata().getGeneration();
    return generation.equals(blueprint.getStatus().observedGeneration)
        && ClusterTests.condition(blueprint, ConditionTypes.READY)
            .filter(c -> "True".equals(c.getStatus()))
            .filter(c -> generation.equals(c.getObservedGeneration()))
            .isPresent();
  }

  @Test
  void helmVersionIsTheOneBuilt() {
    Clients.Result version = helm("version", "--short");
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.stdout()).startsWith("v4.3.2");
  }

  @Test
  void installWaitReturnsOnceTheBlueprintIsReady() {
    Clients.Result install =
        helm(
            "install",
            "ready",
            chart.toString(),
            "--set",
            "name=ready",
            "--set",
            "replicas=2",
            "--wait=watcher",
            "--timeout",
            TIMEOUT);

    assertThat(install.exitCode()).as(install.output()).isZero();
    // Right when Helm returns, not eventually: Helm waited for this.
    assertThat(readyAtItsGeneration("ready"))
        .as("Ready at its generation when helm returns")
        .isTrue();
    assertThat(ClusterTests.get(ns.name(), "ready").getStatus().readyReplicas).isEqualTo(2);
  }

  @Test
  void installWaitFailsBeforeItsTimeoutNamingAStalledBlueprint() {
    long start = System.nanoTime();
    Clients.Result install =
        helm(
            "install",
            "stalled",
            chart.toString(),
            "--set",
            "name=stalled",
            "--set",
            "requestsAboveLimits=true",
            "--wait=watcher",
            "--timeout",
            TIMEOUT);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(install.exitCode()).as(install.output()).isNotZero();
    assertThat(install.output())
        .contains("PodBlueprint/" + ns.name() + "/stalled")
        .contains("status: Failed");
    assertThat(took)
        .as("failed at once, not at the %s timeout", TIMEOUT)
        .isLessThan(Duration.ofSeconds(60));
    assertThat(
            ClusterTests.condition(ClusterTests.get(ns.name(), "stalled"), ConditionTypes.STALLED))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void upgradeWaitWaitsForTheNewGeneration() {
    Clients.Result install =
        helm(
            "install",
            "upgraded",
            chart.toString(),
            "--set",
            "name=upgraded",
            "--wait=watcher",
            "--timeout",
            TIMEOUT);
    assertThat(install.exitCode()).as(install.output()).isZero();
    long before = ClusterTests.get(ns.name(), "upgraded").getMetadata().getGeneration();

    Clients.Result upgrade =
        helm(
            "upgrade",
            "upgraded",
            chart.toString(),
            "--set",
            "name=upgraded",
            "--set",
            "replicas=3",
            "--wait=watcher",
            "--timeout",
            TIMEOUT);

    assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
    PodBlueprint after = ClusterTests.get(ns.name(), "upgraded");
    assertThat(after.getMetadata().getGeneration()).isGreaterThan(before);
    assertThat(readyAtItsGeneration("upgraded"))
        .as("Ready at the new generation when helm returns")
        .isTrue();
    assertThat(after.getStatus().readyReplicas).isEqualTo(3);
  }
}
