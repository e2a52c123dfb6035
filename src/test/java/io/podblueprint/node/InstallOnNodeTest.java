package io.podblueprint.node;

import static io.podblueprint.node.InstalledOperator.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator runs as pods on the real node, installed as a user installs it: kustomize (make
 * deploy) and Helm (make deploy-helm), image imported from make image's archive. Each install runs
 * in the namespace that enforces Pod Security "restricted" with a read-only root file system,
 * passes its readiness probe, takes the Lease with one of its two replicas and brings a blueprint
 * to Ready on the real node; deleting the leader hands over within 20 s; a helm upgrade of a value
 * rolls the operator and no child; undeploy removes the operator and leaves the children running.
 */
@Tag("node")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallOnNodeTest {
  static final Duration ROLL_OUT = Duration.ofMinutes(4);
  static final Duration HANDOVER = Duration.ofSeconds(20);

  @RegisterExtension // the installed operator must be the only one reconciling
  static final TestNamespace ns = TestNamespace.onRealNodeWithSharedOperatorStopped("install");

  @AfterAll
  static void undeployEverything() {
    InstalledOperator.run("helm", "undeploy", ""); // both are no-ops when nothing is installed
    InstalledOperator.run("kustomize", "undeploy", "");
  }

  @Test
  @Order(1)
  void kustomizeInstallRunsOnTheRealNodeFailsOverAndUndeployLeavesTheChildren() throws Exception {
    InstalledOperator.run("kustomize", "deploy", "");
    List<Pod> pods = assertRunningOnTheRealNode();

    RealNode.apply(ns.name(), ClusterTests.sample("webapp-deployment.yaml"));
    ClusterTests.awaitCondition(ns.name(), "webapp", ConditionTypes.READY, "True", ROLL_OUT);
    Children before = Children.of(ns.name());

    // kubectl delete pod of the leader: the standby takes the Lease (the leader gives it up).
    Pod leader = InstalledOperator.awaitLeaderAmong(pods, ROLL_OUT);
    String leaderName = leader.getMetadata().getName();
    List<Pod> standby =
        pods.stream().filter(p -> !p.getMetadata().getName().equals(leaderName)).toList();
    long deleted = System.nanoTime();
    client().pods().inNamespace(InstalledOperator.NAMESPACE).withName(leaderName).delete();
    InstalledOperator.awaitLeaderAmong(standby, HANDOVER);
    Duration handover = Duration.ofNanos(System.nanoTime() - deleted);
    System.out.printf(
        "install: the standby took the Lease %d ms after kubectl delete pod of the leader%n",
        handover.toMillis());
    assertThat(handover).isLessThan(HANDOVER);

    InstalledOperator.run("kustomize", "undeploy", "");
    assertThat(client().namespaces().withName(InstalledOperator.NAMESPACE).get()).isNull();
    assertThat(
            client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("podblueprints.podblueprint.io")
                .get())
        .as("undeploy keeps the CRD")
        .isNotNull();
    assertThat(ClusterTests.get(ns.name(), "webapp")).as("and the blueprint").isNotNull();
    assertThat(Children.of(ns.name())).as("and its children, untouched").isEqualTo(before);
  }

  @Test
  @Order(2)
  void helmInstallRunsOnTheRealNodeAndAnUpgradeRollsTheOperatorOnly() throws Exception {
    boolean alone = ClusterTests.get(ns.name(), "webapp") == null; // not after the first test
    Children left = alone ? null : Children.of(ns.name());
    InstalledOperator.run("helm", "deploy", "");
    List<Pod> pods = assertRunningOnTheRealNode();
    if (alone) {
      RealNode.apply(ns.name(), ClusterTests.sample("webapp-deployment.yaml"));
    }
    ClusterTests.awaitCondition(ns.name(), "webapp", ConditionTypes.READY, "True", ROLL_OUT);
    awaitReconciled(InstalledOperator.awaitLeaderAmong(pods, ROLL_OUT));
    Children before = Children.of(ns.name());
    if (left != null) {
      assertThat(before).as("the children a new install adopts, untouched").isEqualTo(left);
    }
    long generation = InstalledOperator.deployment().getMetadata().getGeneration();

    InstalledOperator.run("helm", "deploy", "--set logLevel=DEBUG");
    Deployment upgraded = InstalledOperator.deployment();
    assertThat(upgraded.getMetadata().getGeneration()).isGreaterThan(generation);
    assertThat(env(upgraded.getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("LOG_LEVEL", "DEBUG");
    List<Pod> rolled = assertRunningOnTheRealNode();
    assertThat(names(rolled))
        .as("every operator pod was replaced")
        .doesNotContainAnyElementsOf(names(pods));
    // The new leader has reconciled the blueprint (a new operator reconciles every blueprint when
    // it starts leading), and nothing about its children changed.
    awaitReconciled(InstalledOperator.awaitLeaderAmong(rolled, ROLL_OUT));
    assertThat(Children.of(ns.name())).as("the children after the upgrade").isEqualTo(before);

    InstalledOperator.run("helm", "undeploy", "");
    assertThat(InstalledOperator.deployment()).isNull();
    assertThat(Children.of(ns.name())).as("the children after helm uninstall").isEqualTo(before);
  }

  /**
   * Waits until the leader has reconciled (it reconciles every blueprint when it starts leading).
   */
  static void awaitReconciled(Pod leader) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> InstalledOperator.reconciles(leader) > 0);
  }

  /** The installed operator's pods: all on the real node, hardened, Ready, one leading. */
  static List<Pod> assertRunningOnTheRealNode() {
    assertThat(
            client()
                .namespaces()
                .withName(InstalledOperator.NAMESPACE)
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    Deployment deployment = InstalledOperator.deployment();
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(InstalledOperator.image()).doesNotEndWith(":latest");
    List<Pod> pods =
        await()
            .atMost(ROLL_OUT)
            .pollInterval(Duration.ofMillis(500))
            .until(
                InstalledOperator::pods,
                p ->
                    p.size() == deployment.getSpec().getReplicas()
                        && p.stream().allMatch(InstalledOperator::ready)
                        && p.stream()
                            .allMatch(pod -> RealNode.NAME.equals(pod.getSpec().getNodeName()))
                        && p.stream()
                            .allMatch(
                                pod ->
                                    container
                                        .getImage()
                                        .equals(pod.getSpec().getContainers().get(0).getImage())));
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNode.NAME);
              var security = pod.getSpec().getContainers().get(0).getSecurityContext();
              assertThat(security.getReadOnlyRootFilesystem()).isTrue();
              assertThat(security.getRunAsNonRoot()).isTrue();
              assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
              assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
            });
    InstalledOperator.awaitLeaderAmong(pods, ROLL_OUT);
    return pods;
  }

  static Set<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }

  static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
  }

  /**
   * What a restart of the workload would change: the child Deployment (uid, generation, pod
   * template) and its pods (uids, restarts). The operator's own writes to the blueprint's status do
   * not count.
   */
  record Children(String uid, long generation, Object template, Map<String, Integer> pods) {
    static Children of(String namespace) {
      Deployment child =
          client().apps().deployments().inNamespace(namespace).withName("webapp").get();
      assertThat(child).as("the blueprint's Deployment").isNotNull();
      Map<String, Integer> pods =
          RealNode.pods(namespace, "webapp").stream()
              .collect(
                  Collectors.toMap(
                      p -> p.getMetadata().getUid(),
                      p -> p.getStatus().getContainerStatuses().get(0).getRestartCount()));
      return new Children(
          child.getMetadata().getUid(),
          child.getMetadata().getGeneration(),
          child.getSpec().getTemplate(),
          pods);
    }
  }
}
