package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD's schema and CEL rules on a real kube-apiserver (kube-api-test, no controllers): the
 * committed CRD installs, valid samples are accepted, and every admission entry of the invalid
 * corpus is refused with a message that names the field.
 */
@Tag("cluster")
@EnableKubeAPIServer
class CrdAdmissionTest {
  static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    Crds.install(client);
  }

  static Stream<InvalidCorpus> refusedAtAdmission() {
    return InvalidCorpus.at("admission");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtAdmission")
  void refusesWithMessageNamingTheField(InvalidCorpus bad) {
    GenericKubernetesResource blueprint =
        client.getKubernetesSerialization().unmarshal(bad.yaml(), GenericKubernetesResource.class);
    assertThatThrownBy(() -> client.resource(blueprint).inNamespace("default").create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(
            e -> {
              assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422);
              for (String expected : bad.expected()) {
                assertThat(e.getMessage()).contains(expected);
              }
            });
  }

  @Test
  void aSidecarInitContainerMayHaveProbesAndLifecycleHooks() {
    String yaml =
        """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: sidecar-with-probes
        spec:
          template:
            spec:
              initContainers:
                - name: proxy
                  image: envoyproxy/envoy:v1.30
                  restartPolicy: Always
                  ports: [{name: admin, containerPort: 9901}]
                  readinessProbe:
                    httpGet: {path: /ready, port: admin}
                  startupProbe:
                    tcpSocket: {port: 9901}
                  lifecycle:
                    preStop:
                      sleep: {seconds: 5}
              containers:
                - name: web
                  image: nginx:1.27
                  env:
                    - name: POD_NAME
                      value: ""
                      valueFrom:
                        fieldRef: {fieldPath: metadata.name}
        """;
    GenericKubernetesResource blueprint =
        client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    var created = client.resource(blueprint).inNamespace("default").dryRun().create();
    assertThat(created.getMetadata().getName()).isEqualTo("sidecar-with-probes");
  }

  @Test
  void everySampleIsAccepted() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("k8s", "samples"))) {
      for (var file : files.sorted().toList()) {
        var blueprint =
            client
                .getKubernetesSerialization()
                .unmarshal(java.nio.file.Files.readString(file), GenericKubernetesResource.class);
        var created = client.resource(blueprint).inNamespace("default").dryRun().create();
        assertThat(created.getMetadata().getName()).isEqualTo(blueprint.getMetadata().getName());
      }
    }
  }
}
