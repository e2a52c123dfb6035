package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.BlueprintYaml;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ownership, garbage collection, drift healing, roll-outs and kind switches on a real cluster. */
@Tag("cluster")
class LifecycleOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("lifecycle");
  static final KubernetesClient client = ClusterTests.client();

  /** A Deployment of 2 replicas of {@link #webContainer}. */
  static BlueprintYaml web(String name, String image) {
    return Blueprints.named(name)
        .workload("Deployment")
        .spec("replicas: 2")
        .containers(webContainer(image, ""));
  }

  /** The container "web" serving http on 8080, with more of its fields. */
  static String webContainer(String image, String more) {
    return "- name: web\n  image: %s\n  ports: [{name: http, containerPort: 8080}]\n%s"
        .formatted(image, more.indent(2));
  }

  static final String SERVICE = "service:\n  ports: [{name: http, port: 80, targetPort: http}]";

  Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(ns.name()).withName(name).get();
  }

  /** The image of the Deployment's first container. */
  String image(String deployment) {
    return deployment(deployment)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  @Test
  void childrenAreOwnedAndGarbageCollectedWithTheBlueprint() {
    ClusterTests.apply(ns.name(), web("owned", "nginx:1.27").spec(SERVICE).yaml());
    PodBlueprint ready =
        ClusterTests.awaitCondition(ns.name(), "owned", ConditionTypes.READY, "True", WAIT);
    Deployment deployment = deployment("owned");
    Service service = client.services().inNamespace(ns.name()).withName("owned").get();
    for (var child : java.util.List.of(deployment, service)) {
      var owner = child.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getUid()).isEqualTo(ready.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
      assertThat(child.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "podblueprint-operator");
    }
    client.resource(ready).delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                deployment("owned") == null
                    && client.services().inNamespace(ns.name()).withName("owned").get() == null);
  }

  @Test
  void aDeletedChildIsRecreatedAndAHandScaledDeploymentIsReverted() {
    ClusterTests.apply(ns.name(), web("heal", "nginx:1.27").spec(SERVICE).yaml());
    ClusterTests.awaitCondition(ns.name(), "heal", ConditionTypes.READY, "True", WAIT);
    String oldUid =
        client.services().inNamespace(ns.name()).withName("heal").get().getMetadata().getUid();
    client.services().inNamespace(ns.name()).withName("heal").delete();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Service s = client.services().inNamespace(ns.name()).withName("heal").get();
              return s != null && !s.getMetadata().getUid().equals(oldUid);
            });

    client.apps().deployments().inNamespace(ns.name()).withName("heal").scale(5);
    await().atMost(WAIT).until(() -> deployment("heal").getSpec().getReplicas() == 2);
  }

  @Test
  void anImageChangeRollsOutAndObservedGenerationFollows() {
    ClusterTests.apply(ns.name(), web("rollout", "nginx:1.26").yaml());
    PodBlueprint first =
        ClusterTests.awaitCondition(ns.name(), "rollout", ConditionTypes.READY, "True", WAIT);
    ClusterTests.apply(ns.name(), web("rollout", "nginx:1.27").yaml());
    PodBlueprint second =
        ClusterTests.awaitCondition(ns.name(), "rollout", ConditionTypes.READY, "True", WAIT);
    assertThat(second.getMetadata().getGeneration())
        .isGreaterThan(first.getMetadata().getGeneration());
    assertThat(second.getStatus().observedGeneration)
        .isEqualTo(second.getMetadata().getGeneration());
    assertThat(image("rollout")).isEqualTo("nginx:1.27");
    await()
        .atMost(WAIT)
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(ns.name())
                    .withLabel("podblueprint.io/name", "rollout")
                    .list()
                    .getItems()
                    .stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .allMatch(
                        p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:1.27")));
  }

  @Test
  void switchingFromPodToDeploymentLeavesNoOrphanAndRemovingTheServiceDeletesIt() {
    String pod =
        Blueprints.named("switch")
            .workload("Pod")
            .spec(SERVICE)
            .containers(webContainer("nginx:1.27", ""))
            .yaml();
    ClusterTests.apply(ns.name(), pod);
    ClusterTests.awaitCondition(ns.name(), "switch", ConditionTypes.READY, "True", WAIT);
    assertThat(client.pods().inNamespace(ns.name()).withName("switch").get()).isNotNull();

    ClusterTests.apply(ns.name(), web("switch", "nginx:1.27").yaml());
    ClusterTests.awaitCondition(ns.name(), "switch", ConditionTypes.READY, "True", WAIT);
    await()
        .atMost(WAIT)
        .until(() -> client.pods().inNamespace(ns.name()).withName("switch").get() == null);
    await()
        .atMost(WAIT)
        .until(() -> client.services().inNamespace(ns.name()).withName("switch").get() == null);
    assertThat(deployment("switch")).isNotNull();
    var pods =
        client
            .pods()
            .inNamespace(ns.name())
            .withLabel("podblueprint.io/name", "switch")
            .list()
            .getItems();
    assertThat(pods)
        .filteredOn(p -> p.getMetadata().getDeletionTimestamp() == null)
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getOwnerReferences().get(0).getKind())
                    .isEqualTo("ReplicaSet"));
  }

  @Test
  void aBlueprintThatBecomesInvalidKeepsItsChildrenAndSaysWhy() {
    ClusterTests.apply(ns.name(), web("keep", "nginx:1.27").yaml());
    ClusterTests.awaitCondition(ns.name(), "keep", ConditionTypes.READY, "True", WAIT);
    String before = deployment("keep").getMetadata().getResourceVersion();
    String broken =
        web("keep", "nginx:1.28")
            .containers(
                webContainer("nginx:1.28", "volumeMounts: [{name: data, mountPath: /data}]"))
            .yaml();
    ClusterTests.apply(ns.name(), broken);
    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns.name(), "keep", ConditionTypes.STALLED, "True", WAIT);
    var condition = ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("InvalidSpec");
    assertThat(condition.getMessage()).contains("spec.template.spec.containers[0].volumeMounts[0]");
    assertThat(stalled.getStatus().phase).isEqualTo("Invalid");
    assertThat(deployment("keep").getMetadata().getResourceVersion()).isEqualTo(before);
    assertThat(image("keep")).isEqualTo("nginx:1.27");

    ClusterTests.apply(ns.name(), web("keep", "nginx:1.28").yaml());
    ClusterTests.awaitCondition(ns.name(), "keep", ConditionTypes.READY, "True", WAIT);
  }

  @Test
  void anEditTheApiServerRefusesKeepsTheOldDeploymentAndSaysWhy() {
    // Requests above limits pass the CRD and the operator's validation; only the API server's
    // validation of the Deployment's pod template refuses them.
    ClusterTests.apply(ns.name(), web("refused", "nginx:1.27").yaml());
    PodBlueprint ready =
        ClusterTests.awaitCondition(ns.name(), "refused", ConditionTypes.READY, "True", WAIT);
    Deployment before = deployment("refused");
    String resources = "resources: {requests: {cpu: \"2\"}, limits: {cpu: \"1\"}}";
    ClusterTests.apply(
        ns.name(),
        web("refused", "nginx:1.28").containers(webContainer("nginx:1.28", resources)).yaml());

    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns.name(), "refused", ConditionTypes.STALLED, "True", WAIT);
    assertThat(stalled.getMetadata().getGeneration())
        .isGreaterThan(ready.getMetadata().getGeneration());
    var condition = ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo("ChildRefused");
    assertThat(condition.getObservedGeneration()).isEqualTo(stalled.getMetadata().getGeneration());
    assertThat(condition.getMessage())
        .contains("Deployment refused")
        .contains("spec.template.spec.containers[0].resources.requests")
        .contains("must be less than or equal to cpu limit");
    assertThat(ClusterTests.condition(stalled, ConditionTypes.READY).orElseThrow().getStatus())
        .isEqualTo("False");
    Deployment after = deployment("refused");
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.27");
    assertThat(after.getStatus().getReadyReplicas()).isEqualTo(2);

    ClusterTests.apply(ns.name(), web("refused", "nginx:1.28").yaml());
    PodBlueprint fixed =
        ClusterTests.awaitCondition(ns.name(), "refused", ConditionTypes.READY, "True", WAIT);
    assertThat(ClusterTests.condition(fixed, ConditionTypes.STALLED).orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(image("refused")).isEqualTo("nginx:1.28");
  }

  @Test
  void anUnmatchedNodeSelectorReportsTheSchedulersReason() {
    String yaml =
        web("nowhere", "nginx:1.27")
            .podSpec("nodeSelector: {disktype: ssd-that-no-node-has}")
            .yaml();
    ClusterTests.apply(ns.name(), yaml);
    PodBlueprint pending =
        ClusterTests.awaitCondition(
            ns.name(), "nowhere", ConditionTypes.POD_SCHEDULED, "False", WAIT);
    await()
        .atMost(WAIT)
        .until(
            () ->
                ClusterTests.condition(
                        ClusterTests.get(ns.name(), "nowhere"), ConditionTypes.POD_SCHEDULED)
                    .map(c -> "Unschedulable".equals(c.getReason()))
                    .orElse(false));
    var scheduled =
        ClusterTests.condition(ClusterTests.get(ns.name(), "nowhere"), ConditionTypes.POD_SCHEDULED)
            .orElseThrow();
    assertThat(scheduled.getMessage())
        .contains("node(s) didn't match Pod's node affinity/selector");
    assertThat(pending.getStatus().phase).isEqualTo("Pending");
  }

  @Test
  void kubectlWaitForReadyWorks() throws Exception {
    ClusterTests.apply(ns.name(), web("waitable", "nginx:1.27").yaml());
    Process wait =
        new ProcessBuilder(
                KwokCluster.kubectl(),
                "wait",
                "--for=condition=Ready",
                "--timeout=90s",
                "-n",
                ns.name(),
                "pbp/waitable")
            .redirectErrorStream(true)
            .start();
    String out = new String(wait.getInputStream().readAllBytes());
    assertThat(wait.waitFor()).as(out).isZero();
    assertThat(out).contains("condition met");
  }

  @Test
  void aBarePodIsReplacedWhenItsSpecChanges() {
    String pod =
        Blueprints.named("replace")
            .workload("Pod")
            .containers(webContainer("nginx:1.26", ""))
            .yaml();
    ClusterTests.apply(ns.name(), pod);
    ClusterTests.awaitCondition(ns.name(), "replace", ConditionTypes.READY, "True", WAIT);
    String uid =
        client.pods().inNamespace(ns.name()).withName("replace").get().getMetadata().getUid();
    ClusterTests.apply(ns.name(), pod.replace("containerPort: 8080", "containerPort: 9090"));
    ClusterTests.awaitCondition(ns.name(), "replace", ConditionTypes.READY, "True", WAIT);
    Pod replaced = client.pods().inNamespace(ns.name()).withName("replace").get();
    assertThat(replaced.getMetadata().getUid()).isNotEqualTo(uid);
    assertThat(replaced.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort())
        .isEqualTo(9090);
    assertThat(client.v1().events().inNamespace(ns.name()).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Replacing"));
  }
}
