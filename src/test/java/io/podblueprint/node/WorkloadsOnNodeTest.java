package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.Kubectl;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A roll-out gated by real readiness, real volume mounts, and a pod the node cannot fit. */
@Tag("node")
class WorkloadsOnNodeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(150);

  @RegisterExtension static final TestNamespace ns = TestNamespace.onRealNode("workloads");

  static String web(int readinessPort) {
    return Blueprints.named("web")
        .workload("Deployment")
        .spec("replicas: 2")
        .podSpec("terminationGracePeriodSeconds: 1")
        .containers(
            """
            - name: web
              image: registry.k8s.io/e2e-test-images/agnhost:2.53
              args: ["netexec", "--http-port=8080"]
              readinessProbe:
                httpGet: {path: /healthz, port: %d}
                periodSeconds: 1
            """
                .formatted(readinessPort))
        .yaml();
  }

  List<Pod> readyPods() {
    return RealNode.pods(ns.name(), "web").stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(
            p ->
                p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .toList();
  }

  @Test
  void aRollOutWaitsForTheNewPodsToBeReady() {
    RealNode.apply(ns.name(), web(8080));
    ClusterTests.awaitCondition(ns.name(), "web", ConditionTypes.READY, "True", TIMEOUT);
    List<String> before = readyPods().stream().map(p -> p.getMetadata().getName()).toList();
    assertThat(before).hasSize(2);

    // Nothing listens on the new readiness port: the new pod never gets Ready.
    RealNode.apply(ns.name(), web(8089));
    RealNode.awaitKubeletEvent(ns.name(), "web", "Unhealthy", "connection refused", TIMEOUT);
    PodBlueprint rolling =
        ClusterTests.awaitBlueprint(
            ns.name(),
            "web",
            "Reconciling=True at its generation",
            bp ->
                bp.getMetadata().getGeneration().equals(bp.getStatus().observedGeneration)
                    && ClusterTests.condition(bp, ConditionTypes.RECONCILING)
                        .filter(c -> "True".equals(c.getStatus()))
                        .isPresent(),
            TIMEOUT);
    assertThat(ClusterTests.condition(rolling, ConditionTypes.READY).orElseThrow().getStatus())
        .isNotEqualTo("True");
    assertThat(readyPods().stream().map(p -> p.getMetadata().getName()))
        .as("the old pods keep serving while the new one is not ready")
        .containsExactlyInAnyOrderElementsOf(before);

    RealNode.apply(ns.name(), web(8080));
    ClusterTests.awaitCondition(ns.name(), "web", ConditionTypes.READY, "True", TIMEOUT);
    await().atMost(TIMEOUT).until(() -> readyPods().size() == 2);
  }

  @Test
  void configMapSecretEmptyDirAndHostPathVolumesAreMountedAndReadable() {
    var client = KwokCluster.client();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .withData(Map.of("greeting", "hello from a configMap"))
                .build())
        .inNamespace(ns.name())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("credentials")
                .endMetadata()
                .withStringData(Map.of("password", "hello from a secret"))
                .build())
        .inNamespace(ns.name())
        .create();
    RealNode.apply(
        ns.name(),
        Blueprints.named("volumes")
            .workload("Pod")
            .podSpec(
                """
                terminationGracePeriodSeconds: 1
                volumes:
                - {name: settings, configMap: {name: settings}}
                - {name: credentials, secret: {secretName: credentials}}
                - {name: scratch, emptyDir: {}}
                - {name: host, hostPath: {path: /etc, type: Directory}}
                """)
            .containers(
                """
                - name: app
                  image: busybox:1.36
                  command: ["sh", "-c", "echo hello from an emptyDir > /scratch/note; sleep 600"]
                  volumeMounts:
                  - {name: settings, mountPath: /etc/settings}
                  - {name: credentials, mountPath: /etc/credentials}
                  - {name: scratch, mountPath: /scratch}
                  - {name: host, mountPath: /host, readOnly: true}
                """)
            .yaml());
    ClusterTests.awaitCondition(ns.name(), "volumes", ConditionTypes.READY, "True", TIMEOUT);
    String pod = RealNode.pods(ns.name(), "volumes").get(0).getMetadata().getName();
    String read =
        Kubectl.run(
                "exec",
                "-n",
                ns.name(),
                pod,
                "--",
                "cat",
                "/etc/settings/greeting",
                "/etc/credentials/password",
                "/scratch/note",
                "/host/hostname")
            .orFail()
            .output();
    assertThat(read)
        .contains("hello from a configMap")
        .contains("hello from a secret")
        .contains("hello from an emptyDir")
        .contains(hostname());
  }

  @Test
  void aPodTheNodeCannotFitIsUnschedulable() {
    RealNode.apply(
        ns.name(),
        Blueprints.named("too-big")
            .workload("Pod")
            .containers(
                "- {name: app, image: busybox:1.36, resources: {requests: {memory: 100Ti}}}")
            .yaml());
    var scheduler =
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    RealNode.pods(ns.name(), "too-big").stream()
                        .flatMap(p -> p.getStatus().getConditions().stream())
                        .filter(c -> "PodScheduled".equals(c.getType()))
                        .filter(c -> "False".equals(c.getStatus()) && c.getReason() != null)
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(scheduler.getReason()).isEqualTo("Unschedulable");
    assertThat(scheduler.getMessage()).contains("Insufficient memory");
    PodBlueprint blueprint =
        ClusterTests.awaitBlueprint(
            ns.name(),
            "too-big",
            "PodScheduled with the scheduler's reason",
            bp ->
                ClusterTests.condition(bp, ConditionTypes.POD_SCHEDULED)
                    .filter(c -> scheduler.getReason().equals(c.getReason()))
                    .isPresent(),
            TIMEOUT);
    var condition = ClusterTests.condition(blueprint, ConditionTypes.POD_SCHEDULED).orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo(scheduler.getReason());
    assertThat(condition.getMessage()).contains("Insufficient memory");
  }

  static String hostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
