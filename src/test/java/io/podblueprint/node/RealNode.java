package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.render.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The real node that `REAL_NODES=1 make cluster-up` adds to the local control plane (kubelet,
 * containerd, runc; hack/node/up.sh). Its name and taint are those of hack/node/node.env: KWOK's
 * fake nodes take every pod that does not select the real node, so the cluster tier never lands
 * there, and a blueprint lands here only through {@link #place}.
 */
public final class RealNode {
  public static final String NAME = "podblueprint-node";
  public static final String TAINT = "podblueprint.io/real-node";
  public static final String BUSYBOX = "busybox:1.36";
  public static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.53";

  private RealNode() {}

  /** Fails unless the real node is registered, Ready and run by containerd; starts the operator. */
  public static void require() {
    requireNode();
    KwokCluster.operator();
  }

  /** Fails unless the real node is registered, Ready and run by containerd. */
  public static void requireNode() {
    Node node = KwokCluster.client().nodes().withName(NAME).get();
    assertThat(node)
        .as("node %s: start it with REAL_NODES=1 make cluster-up (make test-node does)", NAME)
        .isNotNull();
    assertThat(node.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
            });
    assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
        .startsWith("containerd://");
  }

  /**
   * Pins the blueprint's pods to the real node: its hostname label and a toleration of its taint.
   */
  public static PodBlueprint place(PodBlueprint blueprint) {
    PodSpec spec = blueprint.getSpec().template.getSpec();
    var selector =
        new HashMap<>(Optional.ofNullable(spec.getNodeSelector()).orElseGet(HashMap::new));
    selector.put("kubernetes.io/hostname", NAME);
    spec.setNodeSelector(selector);
    List<Toleration> tolerations =
        new ArrayList<>(Optional.ofNullable(spec.getTolerations()).orElseGet(ArrayList::new));
    tolerations.add(
        new TolerationBuilder()
            .withKey(TAINT)
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .build());
    spec.setTolerations(tolerations);
    return blueprint;
  }

  /** Server-side applies the blueprint of the YAML, placed on the real node. */
  public static PodBlueprint apply(String namespace, String yaml) {
    PodBlueprint blueprint =
        KwokCluster.client().getKubernetesSerialization().unmarshal(yaml, PodBlueprint.class);
    return ClusterTests.apply(namespace, place(blueprint));
  }

  /** The blueprint's pods, as the kubelet reported them. */
  public static List<Pod> pods(String namespace, String blueprint) {
    return KwokCluster.client()
        .pods()
        .inNamespace(namespace)
        .withLabel(Labels.BLUEPRINT, blueprint)
        .list()
        .getItems();
  }

  /** Every container status (init containers first) of the blueprint's pods. */
  public static Stream<ContainerStatus> containerStatuses(String namespace, String blueprint) {
    return pods(namespace, blueprint).stream().flatMap(RealNode::containerStatuses);
  }

  /** Waits until a container status of the blueprint's pods matches, and returns it. */
  public static ContainerStatus awaitContainer(
      String namespace, String blueprint, Predicate<ContainerStatus> matches, Duration timeout) {
    Pod pod = awaitPodWithContainer(namespace, blueprint, matches, timeout);
    return containerStatuses(pod).filter(matches).findFirst().orElseThrow();
  }

  /**
   * Waits until one of the blueprint's pods has a container status that matches, and returns that
   * pod as it was read then: its conditions belong to that container state (a crash-looping
   * container runs, and is ready, between its back-offs).
   */
  public static Pod awaitPodWithContainer(
      String namespace, String blueprint, Predicate<ContainerStatus> matches, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                pods(namespace, blueprint).stream()
                    .filter(p -> containerStatuses(p).anyMatch(matches))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** Every container status of one pod, init containers first. */
  public static Stream<ContainerStatus> containerStatuses(Pod pod) {
    return Stream.concat(
        pod.getStatus().getInitContainerStatuses().stream(),
        pod.getStatus().getContainerStatuses().stream());
  }

  /** The Events the kubelet (source component "kubelet") recorded about a pod. */
  public static List<Event> kubeletEvents(String namespace, String pod) {
    return KwokCluster.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .filter(e -> e.getSource() != null && "kubelet".equals(e.getSource().getComponent()))
        .toList();
  }

  /** Waits until the kubelet recorded an Event with the reason and a message containing text. */
  public static Event awaitKubeletEvent(
      String namespace, String blueprint, String reason, String text, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                pods(namespace, blueprint).stream()
                    .flatMap(p -> kubeletEvents(namespace, p.getMetadata().getName()).stream())
                    .filter(e -> reason.equals(e.getReason()))
                    .filter(e -> e.getMessage() != null && e.getMessage().contains(text))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }
}
