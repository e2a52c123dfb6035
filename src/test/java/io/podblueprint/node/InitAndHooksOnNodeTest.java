package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.Kubectl;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Init containers and lifecycle hooks, run by the real kubelet. */
@Tag("node")
class InitAndHooksOnNodeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** A host directory the hooks write to (removed with the node's state by cluster-down). */
  static final Path HOOKS = Path.of("/var/lib/podblueprint-node/test-hooks");

  @RegisterExtension static final TestNamespace ns = TestNamespace.onRealNode("init-hooks");

  @Test
  void initContainersRunInOrderAndShareAnEmptyDirWithTheMainContainer() {
    RealNode.apply(
        ns.name(),
        Blueprints.named("init-order")
            .workload("Pod")
            .podSpec(
                """
                terminationGracePeriodSeconds: 1
                initContainers:
                - name: first
                  image: busybox:1.36
                  command: ["sh", "-c", "sleep 1; echo first >> /work/order"]
                  volumeMounts: [{name: work, mountPath: /work}]
                - name: second
                  image: busybox:1.36
                  command: ["sh", "-c", "echo second >> /work/order"]
                  volumeMounts: [{name: work, mountPath: /work}]
                volumes:
                - {name: work, emptyDir: {}}
                """)
            .containers(
                """
                - name: main
                  image: busybox:1.36
                  command: ["sh", "-c", "echo main >> /work/order; sleep 600"]
                  volumeMounts: [{name: work, mountPath: /work}]
                """)
            .yaml());
    PodBlueprint ready =
        ClusterTests.awaitCondition(ns.name(), "init-order", ConditionTypes.READY, "True", TIMEOUT);
    assertThat(ClusterTests.condition(ready, ConditionTypes.INITIALIZED).orElseThrow().getStatus())
        .isEqualTo("True");
    Pod pod = RealNode.pods(ns.name(), "init-order").get(0);
    List<ContainerStatus> inits = pod.getStatus().getInitContainerStatuses();
    assertThat(inits).extracting(ContainerStatus::getName).containsExactly("first", "second");
    assertThat(inits)
        .allSatisfy(
            c -> {
              assertThat(c.getState().getTerminated().getReason()).isEqualTo("Completed");
              assertThat(c.getState().getTerminated().getExitCode()).isZero();
            });
    Instant firstDone = Instant.parse(inits.get(0).getState().getTerminated().getFinishedAt());
    Instant secondStarted = Instant.parse(inits.get(1).getState().getTerminated().getStartedAt());
    assertThat(secondStarted).isAfterOrEqualTo(firstDone);
    String order =
        Kubectl.run(
                "exec",
                "-n",
                ns.name(),
                pod.getMetadata().getName(),
                "-c",
                "main",
                "--",
                "cat",
                "/work/order")
            .orFail()
            .output();
    assertThat(order.lines()).containsExactly("first", "second", "main");
  }

  @Test
  void postStartAndPreStopHooksRun() throws Exception {
    RealNode.apply(
        ns.name(),
        Blueprints.named("hooks")
            .workload("Pod")
            .podSpec(
                """
                terminationGracePeriodSeconds: 10
                volumes:
                - name: hooks
                  hostPath: {path: /var/lib/podblueprint-node/test-hooks, type: DirectoryOrCreate}
                """)
            .containers(
                """
                - name: app
                  image: registry.k8s.io/e2e-test-images/agnhost:2.53
                  args: ["pause"]
                  env:
                  - name: POD
                    valueFrom: {fieldRef: {fieldPath: metadata.name}}
                  lifecycle:
                    postStart:
                      exec: {command: ["sh", "-c", "echo started > /hooks/$POD.postStart"]}
                    preStop:
                      exec: {command: ["sh", "-c", "echo stopping > /hooks/$POD.preStop"]}
                  volumeMounts: [{name: hooks, mountPath: /hooks}]
                """)
            .yaml());
    ClusterTests.awaitCondition(ns.name(), "hooks", ConditionTypes.READY, "True", TIMEOUT);
    String pod = RealNode.pods(ns.name(), "hooks").get(0).getMetadata().getName();
    assertThat(Files.readString(HOOKS.resolve(pod + ".postStart"))).isEqualTo("started\n");
    assertThat(HOOKS.resolve(pod + ".preStop")).doesNotExist();

    KwokCluster.client().pods().inNamespace(ns.name()).withName(pod).delete();
    await().atMost(TIMEOUT).until(() -> Files.exists(HOOKS.resolve(pod + ".preStop")));
    assertThat(Files.readString(HOOKS.resolve(pod + ".preStop"))).isEqualTo("stopping\n");
  }
}
