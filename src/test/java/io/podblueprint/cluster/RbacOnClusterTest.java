package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped RBAC (k8s/deploy/base) applied for real: `kubectl auth can-i` as the operator's
 * ServiceAccount for every verb it needs and for what it must not have, the edit/view aggregation
 * for namespace users, and the operator itself running with exactly these grants.
 */
@Tag("cluster")
class RbacOnClusterTest {
  @RegisterExtension static final TestNamespace ns = TestNamespace.withoutOperator("rbac");

  static final KubernetesClient client = ClusterTests.client();

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String USER = DeployManifests.USER;

  /** Everything the operator does in a blueprint's namespace: kubectl auth can-i arguments. */
  static final List<String[]> NEEDED = needed();

  /** What it must not be able to do; the last ones would let it write a blueprint's spec. */
  static final List<String[]> FORBIDDEN =
      List.of(
          new String[] {"get", "secrets"},
          new String[] {"list", "secrets"},
          new String[] {"watch", "secrets"},
          new String[] {"create", "configmaps"},
          new String[] {"get", "configmaps"},
          new String[] {"*", "*"},
          new String[] {"create", "pods", "--subresource=exec"},
          new String[] {"create", "serviceaccounts", "--subresource=token"},
          new String[] {"create", "rolebindings.rbac.authorization.k8s.io"},
          new String[] {"update", "deployments.apps"},
          new String[] {"create", "podblueprints.podblueprint.io"},
          new String[] {"update", "podblueprints.podblueprint.io"},
          new String[] {"patch", "podblueprints.podblueprint.io"},
          new String[] {"delete", "podblueprints.podblueprint.io"},
          new String[] {"update", "podblueprints.podblueprint.io", "--subresource=status"},
          new String[] {"create", "leases.coordination.k8s.io"},
          new String[] {"delete", "events"});

  private static List<String[]> needed() {
    List<String[]> checks = new ArrayList<>();
    checks.add(new String[] {"list", "podblueprints.podblueprint.io"});
    checks.add(new String[] {"watch", "podblueprints.podblueprint.io"});
    checks.add(new String[] {"patch", "podblueprints.podblueprint.io", "--subresource=status"});
    checks.add(
        new String[] {"update", "podblueprints.podblueprint.io", "--subresource=finalizers"});
    for (String kind :
        List.of("deployments.apps", "jobs.batch", "cronjobs.batch", "pods", "services")) {
      for (String verb : List.of("get", "list", "watch", "create", "patch", "delete")) {
        checks.add(new String[] {verb, kind});
      }
    }
    checks.add(new String[] {"create", "events"});
    checks.add(new String[] {"patch", "events"});
    checks.add(new String[] {"list", "events"});
    checks.add(new String[] {"watch", "events"});
    return checks;
  }

  @BeforeAll
  static void setUp() {
    Kubectl.run(
            "apply",
            "--server-side",
            "-f",
            DeployManifests.BASE.resolve("namespace.yaml").toString())
        .orFail();
    DeployManifests.applyBase();
  }

  @Test
  void everyVerbTheOperatorUsesIsGranted() {
    for (String[] check : NEEDED) {
      assertThat(Kubectl.canI(USER, DeployManifestsOnClusterTest.withNamespace(check, ns.name())))
          .as("can-i %s", String.join(" ", check))
          .isTrue();
    }
    assertThat(Kubectl.canI(USER, "list", "podblueprints.podblueprint.io", "--all-namespaces"))
        .isTrue();
    String system = DeployManifests.NAMESPACE;
    String lease = "leases.coordination.k8s.io/podblueprint-operator-lease";
    assertThat(Kubectl.canI(USER, "create", "leases.coordination.k8s.io", "-n", system)).isTrue();
    for (String verb : List.of("get", "update", "patch")) {
      assertThat(Kubectl.canI(USER, verb, lease, "-n", system)).as("%s the Lease", verb).isTrue();
    }
  }

  @Test
  void nothingElseIsGranted() {
    for (String[] check : FORBIDDEN) {
      assertThat(Kubectl.canI(USER, DeployManifestsOnClusterTest.withNamespace(check, ns.name())))
          .as("can-i %s", String.join(" ", check))
          .isFalse();
    }
    assertThat(Kubectl.canI(USER, "*", "*", "--all-namespaces")).isFalse();
    assertThat(Kubectl.canI(USER, "get", "secrets", "--all-namespaces")).isFalse();
    String system = DeployManifests.NAMESPACE;
    assertThat(Kubectl.canI(USER, "get", "leases.coordination.k8s.io/other", "-n", system))
        .as("only its own Lease")
        .isFalse();
    assertThat(Kubectl.canI(USER, "delete", "leases.coordination.k8s.io", "-n", system)).isFalse();
    assertThat(Kubectl.canI(USER, "get", "secrets", "-n", system)).isFalse();
  }

  @Test
  void namespaceUsersGetBlueprintsThroughTheStandardEditAndViewRoles() {
    for (var binding : Map.of("alice", "edit", "bob", "view").entrySet()) {
      client
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName(binding.getKey() + "-" + binding.getValue())
                  .withNamespace(ns.name())
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", binding.getValue())
                  .addNewSubject()
                  .withApiGroup("rbac.authorization.k8s.io")
                  .withKind("User")
                  .withName(binding.getKey())
                  .endSubject()
                  .build())
          .create();
    }
    String blueprints = "podblueprints.podblueprint.io";
    // The controller manager aggregates the labelled roles into edit and view asynchronously.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Kubectl.canI("alice", "create", blueprints, "-n", ns.name()));
    for (String verb : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
      assertThat(Kubectl.canI("alice", verb, blueprints, "-n", ns.name()))
          .as("edit: %s", verb)
          .isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Kubectl.canI("bob", "get", blueprints, "-n", ns.name()));
    for (String verb : List.of("get", "list", "watch")) {
      assertThat(Kubectl.canI("bob", verb, blueprints, "-n", ns.name()))
          .as("view: %s", verb)
          .isTrue();
    }
    for (String verb : List.of("create", "update", "patch", "delete")) {
      assertThat(Kubectl.canI("bob", verb, blueprints, "-n", ns.name()))
          .as("view: %s", verb)
          .isFalse();
    }
    assertThat(Kubectl.canI("alice", "create", blueprints, "-n", "default"))
        .as("only where bound")
        .isFalse();
  }

  /**
   * The operator with the ServiceAccount's token and leader election on (as in the Deployment):
   * every kind of child is created, a Pod is replaced, a Service deleted, Events recorded and the
   * Lease renewed. A verb missing from the role would show up here as a 403.
   */
  @Test
  void theOperatorDoesItsWholeJobWithExactlyTheseGrants() throws Exception {
    KwokCluster.stopSharedOperator();
    String work = ClusterTests.namespace("rbac-work");
    try (OperatorProcess operator =
        OperatorProcess.start(
            KwokCluster.SHARED_OPERATOR_PORT + 100,
            Map.of(
                "KUBECONFIG",
                DeployManifests.serviceAccountKubeconfig(client).toString(),
                "POD_NAMESPACE",
                DeployManifests.NAMESPACE),
            List.of("-Dquarkus.profile=prod"))) {
      // A Lease left by an earlier process expires within its 15 s before this one leads.
      await().atMost(Duration.ofSeconds(60)).until(() -> leader(operator) == 1.0);
      for (String sample :
          List.of(
              "webapp-deployment.yaml", "nginx-pod.yaml", "pi-job.yaml", "hello-cronjob.yaml")) {
        ClusterTests.apply(work, ClusterTests.sample(sample));
      }
      ClusterTests.awaitCondition(work, "webapp", ConditionTypes.READY, "True", WAIT);
      ClusterTests.awaitCondition(work, "nginx", ConditionTypes.READY, "True", WAIT);
      ClusterTests.awaitCondition(work, "pi", ConditionTypes.COMPLETE, "True", WAIT);
      ClusterTests.awaitCondition(work, "hello", ConditionTypes.READY, "True", WAIT);

      // Replacement: a server-side dry run (create), then delete, then create.
      String podUid = pod(work, "nginx").getMetadata().getUid();
      ClusterTests.apply(
          work,
          ClusterTests.sample("nginx-pod.yaml").replace("containerPort: 80", "containerPort: 81"));
      ClusterTests.awaitCondition(work, "nginx", ConditionTypes.READY, "True", WAIT);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  pod(work, "nginx") != null
                      && !podUid.equals(pod(work, "nginx").getMetadata().getUid()));

      // A Service the spec no longer asks for is deleted.
      String webapp = ClusterTests.sample("webapp-deployment.yaml");
      ClusterTests.apply(work, webapp.substring(0, webapp.indexOf("  service:")));
      await()
          .atMost(WAIT)
          .until(() -> client.services().inNamespace(work).withName("webapp").get() == null);

      assertThat(client.v1().events().inNamespace(work).list().getItems())
          .anyMatch(e -> "podblueprint-operator".equals(e.getReportingComponent()));
      assertThat(leader(operator)).as("still leading: the Lease is renewed").isEqualTo(1.0);
      assertThat(java.nio.file.Files.readString(operator.log()))
          .doesNotContainIgnoringCase("forbidden");
    } finally {
      ClusterTests.deleteNamespace(work);
    }
  }

  static double leader(OperatorProcess operator) throws Exception {
    return new PrometheusScrape(operator.body("/q/metrics")).sum("podblueprint_leader", Map.of());
  }

  Pod pod(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }
}
