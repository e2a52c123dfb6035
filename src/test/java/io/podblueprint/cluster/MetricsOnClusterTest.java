package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Phases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /q/metrics and /q/health of an operator that has reconciled real blueprints: JOSDK's reconcile
 * count and duration histogram for the podblueprint controller, failed reconciliations, the phase
 * gauges, and every metric the shipped Grafana dashboard queries.
 */
@Tag("cluster")
class MetricsOnClusterTest {
  // The gauges count what this process watches: ns only.
  @RegisterExtension
  static final TestNamespace ns = TestNamespace.withSharedOperatorStopped("metrics");

  static final KubernetesClient client = ClusterTests.client();

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String RECONCILE = "operator_sdk_controllers_execution_reconcile_seconds";

  /**
   * Every failed reconciliation, the status write included (JOSDK's reconcile timer and its failure
   * counter cover the reconciler's own code only).
   */
  static final String FAILURES = "operator_sdk_reconciliations_failed_total";

  static final Map<String, String> CONTROLLER = Map.of("controller", "podblueprint");
  static final Path DASHBOARD = Path.of("k8s", "monitoring", "grafana-dashboard.json");
  static OperatorProcess operator;

  @BeforeAll
  static void setUp() {
    operator =
        OperatorProcess.start(
            KwokCluster.SHARED_OPERATOR_PORT + 100, Map.of("WATCH_NAMESPACES", ns.name()));
  }

  @AfterAll
  static void tearDown() {
    operator.stop();
  }

  PrometheusScrape scrape() throws Exception {
    return new PrometheusScrape(operator.body("/q/metrics"));
  }

  double phase(String phase) throws Exception {
    return scrape().sum("podblueprint_blueprints", Map.of("phase", phase));
  }

  @Test
  void reconcileFiguresPhasesHealthAndTheDashboardsMetrics() throws Exception {
    ClusterTests.apply(ns.name(), ClusterTests.sample("webapp-deployment.yaml"));
    ClusterTests.apply(ns.name(), ClusterTests.sample("pi-job.yaml"));
    ClusterTests.awaitCondition(ns.name(), "webapp", ConditionTypes.READY, "True", WAIT);
    ClusterTests.awaitCondition(ns.name(), "pi", ConditionTypes.COMPLETE, "True", WAIT);

    await().atMost(Duration.ofSeconds(10)).until(() -> phase(Phases.READY) == 1.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> phase(Phases.SUCCEEDED) == 1.0);
    PrometheusScrape metrics = scrape();
    for (String other :
        List.of(Phases.PENDING, Phases.PROGRESSING, Phases.FAILED, Phases.INVALID)) {
      assertThat(metrics.sum("podblueprint_blueprints", Map.of("phase", other))).as(other).isZero();
    }
    assertThat(metrics.sum(RECONCILE + "_count", CONTROLLER)).isPositive();
    assertThat(metrics.sum(RECONCILE + "_sum", CONTROLLER)).isPositive();
    assertThat(metrics.find(RECONCILE + "_bucket", CONTROLLER))
        .as("the duration histogram")
        .isNotEmpty()
        .allMatch(sample -> sample.labels().containsKey("le"));
    assertThat(metrics.find(RECONCILE + "_count", CONTROLLER))
        .as("one series per controller, not per blueprint")
        .hasSize(1)
        .allMatch(sample -> !sample.labels().containsKey("resource_name"));
    assertThat(metrics.sum("podblueprint_leader", Map.of())).isEqualTo(1.0);

    assertThat(operator.get("/q/health/live")).isEqualTo(200);
    assertThat(operator.get("/q/health/ready")).isEqualTo(200);
    assertThat(operator.body("/q/health/ready")).contains("\"podblueprint\": \"OK\"");

    // A reconcile that fails: the API server refuses the status write.
    String probeNs = ClusterTests.namespace("metrics-probe"); // not watched by this operator
    try {
      DenyStatusWrites.applyAndAwait(probeNs); // the probe ns is not watched here
      String refused =
          ClusterTests.sample("nginx-pod.yaml")
              .replace(
                  "metadata:\n  name: nginx",
                  "metadata:\n  name: refused\n  labels: {" + DenyStatusWrites.LABEL + "}");
      ClusterTests.apply(ns.name(), refused);
      // JOSDK counts a failure when it schedules a retry (not when a newer event re-runs it at
      // once).
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                PrometheusScrape now = scrape();
                assertThat(now.sum(FAILURES, Map.of("kind", "PodBlueprint")))
                    .as("failed reconciliations; series: %s", now.find(FAILURES, Map.of()))
                    .isPositive();
              });
      client
          .resources(io.podblueprint.api.v1alpha1.PodBlueprint.class)
          .inNamespace(ns.name())
          .withName("refused")
          .delete();
    } finally {
      DenyStatusWrites.delete();
      ClusterTests.deleteNamespace(probeNs);
    }

    Set<String> queried = dashboardMetrics();
    assertThat(queried).isNotEmpty();
    assertThat(scrape().names())
        .as("every metric the Grafana dashboard queries")
        .containsAll(queried);

    client
        .resources(io.podblueprint.api.v1alpha1.PodBlueprint.class)
        .inNamespace(ns.name())
        .withName("webapp")
        .delete();
    await().atMost(WAIT).until(() -> phase(Phases.READY) == 0.0);
  }

  /** The metric names in the dashboard's PromQL expressions. */
  static Set<String> dashboardMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Set<String> names = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:operator_sdk|podblueprint)_[a-zA-Z0-9_]+)");
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = metric.matcher(target.get("expr").asText());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
