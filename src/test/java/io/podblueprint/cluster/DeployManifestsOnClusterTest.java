package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.status.ConditionTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The manifests users apply (k8s/deploy/) on the real API server: a server-side dry run of every
 * kustomization, the hardened operator Deployment admitted under Pod Security "restricted", and the
 * namespaced overlay granting its chosen namespaces and nothing else. No image is pulled: KWOK runs
 * the pods the ReplicaSet creates.
 */
@Tag("cluster")
class DeployManifestsOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static KubernetesClient client;

  @BeforeAll
  static void setUp() {
    client = KwokCluster.client();
  }

  @AfterAll
  static void restoreTheDefaultInstall() {
    DeployManifests.applyBase(); // the namespaced test removed the ClusterRoleBinding
  }

  @Test
  void aServerSideDryRunOfEveryKustomizationSucceeds() {
    // kubectl cannot dry-run objects into a namespace the same apply would create, so the
    // namespace (itself dry-run first) exists before the whole kustomization is dry-run.
    String namespaceFile = DeployManifests.BASE.resolve("namespace.yaml").toString();
    Kubectl.run("apply", "--server-side", "--dry-run=server", "-f", namespaceFile).orFail();
    Kubectl.run("apply", "--server-side", "-f", namespaceFile).orFail();
    String chosen = ClusterTests.namespace("dryrun");
    try {
      Path namespaced = DeployManifests.namespacedOverlayFor(List.of(chosen));
      for (Path kustomization :
          List.of(
              DeployManifests.BASE,
              DeployManifests.DEPLOY.resolve("overlays/all-namespaces"),
              namespaced)) {
        int objects = objectCount(kustomization);
        Kubectl.Result dryRun =
            Kubectl.run(
                "apply",
                "--server-side",
                "--force-conflicts",
                "--dry-run=server",
                "-k",
                kustomization.toString());
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output().split("\n"))
            .as("one line per object of %s", kustomization)
            .filteredOn(line -> line.endsWith("serverside-applied (server dry run)"))
            .hasSize(objects);
      }
    } finally {
      ClusterTests.deleteNamespace(chosen);
    }
  }

  @Test
  void theHardenedOperatorDeploymentIsAdmittedUnderPodSecurityRestricted() {
    DeployManifests.applyBase();
    String ns = DeployManifests.NAMESPACE;
    assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");

    List<Pod> pods = awaitPods(ns, Map.of("app.kubernetes.io/name", "podblueprint-operator"), 2);
    ReplicaSet replicaSet = replicaSetOf(ns, "podblueprint-operator");
    assertThat(failedCreates(ns, replicaSet.getMetadata().getName())).isEmpty();
    assertThat(replicaSet.getStatus().getConditions())
        .noneMatch(c -> "ReplicaFailure".equals(c.getType()));
    var container = pods.get(0).getSpec().getContainers().get(0);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pods.get(0).getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");

    // The control: the same pod without its hardening is refused in this namespace, so the check
    // above can fail.
    Deployment deployment =
        client.apps().deployments().inNamespace(ns).withName("podblueprint-operator").get();
    Deployment unhardened =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("unhardened")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .addToMatchLabels("app", "unhardened")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "unhardened")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("operator")
            .withImage(
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(unhardened).create();
    try {
      ReplicaSet refused =
          await().atMost(WAIT).until(() -> replicaSetOrNull(ns, "unhardened"), rs -> rs != null);
      List<Event> failures =
          await()
              .atMost(WAIT)
              .until(() -> failedCreates(ns, refused.getMetadata().getName()), l -> !l.isEmpty());
      assertThat(failures.get(0).getMessage()).contains("violates PodSecurity \"restricted");
    } finally {
      client.resource(unhardened).delete();
    }
  }

  @Test
  void theNamespacedOverlayGrantsItsChosenNamespacesOnly() {
    String chosen = ClusterTests.namespace("chosen");
    String other = ClusterTests.namespace("other");
    OperatorProcess operator = null;
    try {
      // A namespaced install has no cluster-wide binding (the overlay deletes it from the base).
      client.rbac().clusterRoleBindings().withName("podblueprint-operator").delete();
      Path overlay = DeployManifests.namespacedOverlayFor(List.of(chosen));
      Kubectl.run("apply", "--server-side", "--force-conflicts", "-k", overlay.toString()).orFail();

      List<EnvVar> env =
          client
              .apps()
              .deployments()
              .inNamespace(DeployManifests.NAMESPACE)
              .withName("podblueprint-operator")
              .get()
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getEnv();
      assertThat(env).contains(new EnvVar("WATCH_NAMESPACES", chosen, null));

      String user = DeployManifests.USER;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Kubectl.canI(user, "create", "deployments.apps", "-n", chosen));
      for (String[] check : RbacOnClusterTest.NEEDED) {
        assertThat(Kubectl.canI(user, withNamespace(check, chosen)))
            .as("%s in the chosen namespace", String.join(" ", check))
            .isTrue();
        assertThat(Kubectl.canI(user, withNamespace(check, other)))
            .as("%s in another namespace", String.join(" ", check))
            .isFalse();
      }
      assertThat(Kubectl.canI(user, "list", "podblueprints.podblueprint.io", "--all-namespaces"))
          .isFalse();

      // The operator itself, with exactly these grants, reconciles in the chosen namespace.
      KwokCluster.stopSharedOperator();
      operator =
          OperatorProcess.start(
              KwokCluster.SHARED_OPERATOR_PORT + 100,
              Map.of(
                  "KUBECONFIG",
                  DeployManifests.serviceAccountKubeconfig(client).toString(),
                  "WATCH_NAMESPACES",
                  chosen));
      String sample = ClusterTests.sample("webapp-deployment.yaml");
      ClusterTests.apply(chosen, sample);
      ClusterTests.apply(other, sample);
      ClusterTests.awaitCondition(chosen, "webapp", ConditionTypes.READY, "True", WAIT);
      // The CRD's default status (observedGeneration 0) until an operator writes one.
      assertThat(ClusterTests.get(other, "webapp").getStatus().conditions)
          .as("conditions in a namespace the operator does not watch")
          .isNullOrEmpty();
      assertThat(operator.tail()).doesNotContainIgnoringCase("forbidden");
    } finally {
      if (operator != null) {
        operator.stop();
      }
      ClusterTests.deleteNamespace(chosen);
      ClusterTests.deleteNamespace(other);
    }
  }

  static String[] withNamespace(String[] check, String namespace) {
    String[] args = java.util.Arrays.copyOf(check, check.length + 2);
    args[check.length] = "-n";
    args[check.length + 1] = namespace;
    return args;
  }

  static int objectCount(Path kustomization) {
    String rendered = Kubectl.run("kustomize", kustomization.toString()).orFail().output();
    return (int) rendered.lines().filter(line -> line.startsWith("kind: ")).count();
  }

  List<Pod> awaitPods(String ns, Map<String, String> labels, int count) {
    return await()
        .atMost(WAIT)
        .until(
            () -> client.pods().inNamespace(ns).withLabels(labels).list().getItems(),
            pods -> pods.size() == count);
  }

  ReplicaSet replicaSetOf(String ns, String deployment) {
    return await().atMost(WAIT).until(() -> replicaSetOrNull(ns, deployment), rs -> rs != null);
  }

  ReplicaSet replicaSetOrNull(String ns, String deployment) {
    return client.apps().replicaSets().inNamespace(ns).list().getItems().stream()
        .filter(
            rs ->
                rs.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> deployment.equals(o.getName())))
        .findFirst()
        .orElse(null);
  }

  List<Event> failedCreates(String ns, String replicaSet) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "FailedCreate".equals(e.getReason()))
        .filter(e -> replicaSet.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
