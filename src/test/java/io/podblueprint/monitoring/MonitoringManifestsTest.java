package io.podblueprint.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.podblueprint.status.Phases;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The monitoring examples fit the deploy manifests they point at. */
@Tag("unit")
class MonitoringManifestsTest {
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  @Test
  @SuppressWarnings("unchecked")
  void theServiceMonitorSelectsTheMetricsServiceAndItsPort() throws Exception {
    GenericKubernetesResource monitor =
        YAML.unmarshal(
            Files.readString(Path.of("k8s/monitoring/servicemonitor.yaml")),
            GenericKubernetesResource.class);
    Service service =
        YAML.unmarshal(Files.readString(Path.of("k8s/deploy/base/service.yaml")), Service.class);
    Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
    Map<String, String> selector =
        (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(monitor.getMetadata().getNamespace())
        .isEqualTo(service.getMetadata().getNamespace());
    Map<String, Object> endpoint =
        ((java.util.List<Map<String, Object>>) spec.get("endpoints")).get(0);
    assertThat(service.getSpec().getPorts())
        .anyMatch(port -> port.getName().equals(endpoint.get("port")));
    assertThat(endpoint).containsEntry("path", "/q/metrics");
  }

  @Test
  void everyDashboardPanelQueriesPrometheus() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(Path.of("k8s/monitoring/grafana-dashboard.json")));
    assertThat(dashboard.get("panels")).isNotEmpty();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      panel.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
    }
  }

  @Test
  void thePhaseGaugesCoverEveryPhase() {
    var constants =
        Arrays.stream(Phases.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(MonitoringManifestsTest::value)
            .toList();
    assertThat(Phases.ALL).containsExactlyInAnyOrderElementsOf(constants);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
