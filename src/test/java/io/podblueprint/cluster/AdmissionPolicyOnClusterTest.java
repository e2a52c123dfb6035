package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.ServiceOptions;
import io.podblueprint.api.v1alpha1.ServicePortOptions;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The confused deputy, refused on the real API server: the ValidatingAdmissionPolicy of
 * k8s/deploy/base lets a user create a blueprint only where that user may create what it renders
 * (the workload kind, and a Service when it asks for one). Users are impersonated: "mallory" may
 * create blueprints and nothing else, "patty" blueprints and pods but no Services, and "alice" has
 * the built-in edit role.
 */
@Tag("cluster")
class AdmissionPolicyOnClusterTest {
  static final Map<String, String> SAMPLES =
      Map.of(
          "nginx-pod.yaml", "Pod",
          "webapp-deployment.yaml", "Deployment",
          "pi-job.yaml", "Job",
          "hello-cronjob.yaml", "CronJob");
  static final Map<String, String> RESOURCES =
      Map.of("Pod", "pods", "Deployment", "deployments", "Job", "jobs", "CronJob", "cronjobs");
  static final List<String> BLUEPRINT_VERBS = List.of("get", "list", "create", "update", "patch");

  static final Map<String, KubernetesClient> USERS = new java.util.concurrent.ConcurrentHashMap<>();
  static KubernetesClient client;
  @RegisterExtension static final TestNamespace namespace = TestNamespace.withoutOperator("deputy");

  static String ns;

  @BeforeAll
  static void setUp() {
    client = KwokCluster.client();
    Kubectl.run(
            "apply",
            "--server-side",
            "-f",
            DeployManifests.BASE.resolve("namespace.yaml").toString())
        .orFail();
    DeployManifests.applyBase();
    ns = namespace.name();
    grant("mallory", List.of());
    grant("patty", List.of("pods"));
    client
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("alice-edit")
                .withNamespace(ns)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
                .addNewSubject("rbac.authorization.k8s.io", "User", "alice", null)
                .build())
        .create();
    // The API server loads a new policy and the controller manager aggregates edit asynchronously.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Kubectl.canI("alice", "create", "podblueprints.podblueprint.io", "-n", ns));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Kubectl.canI("mallory", "create", "podblueprints.podblueprint.io", "-n", ns));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> refusal("mallory", sample("nginx-pod.yaml"), true) != null);
  }

  @AfterAll
  static void tearDown() {
    USERS.values().forEach(KubernetesClient::close);
  }

  @Test
  void aUserWhoMayCreateBlueprintsButNotTheirWorkloadsIsRefusedWithTheReason() {
    assertThat(Kubectl.canI("mallory", "create", "podblueprints.podblueprint.io", "-n", ns))
        .isTrue();
    for (var sample : SAMPLES.entrySet()) {
      String kind = sample.getValue();
      assertThat(Kubectl.canI("mallory", "create", RESOURCES.get(kind), "-n", ns)).isFalse();
      PodBlueprint blueprint = sample(sample.getKey());
      KubernetesClientException refused = refusal("mallory", blueprint, false);
      assertThat(refused).as("mallory creating %s", sample.getKey()).isNotNull();
      assertThat(refused.getCode()).isEqualTo(HttpURLConnection.HTTP_FORBIDDEN);
      assertThat(refused.getStatus().getMessage())
          .contains(
              "user mallory may not create "
                  + RESOURCES.get(kind)
                  + " in namespace "
                  + ns
                  + ", which this PodBlueprint (workload "
                  + kind
                  + ") asks the operator to create");
      assertThat(ClusterTests.get(ns, blueprint.getMetadata().getName())).isNull();
    }
  }

  @Test
  void aUserWhoMayCreateBlueprintsAndTheirWorkloadsIsAdmitted() {
    for (String sample : SAMPLES.keySet()) {
      PodBlueprint created =
          as("alice").resource(renamed(sample, "alice-")).inNamespace(ns).create();
      assertThat(created.getMetadata().getUid()).as(sample).isNotNull();
    }
    // patty may create pods: a Pod blueprint passes, but not with a Service she may not create.
    PodBlueprint pod = renamed("nginx-pod.yaml", "patty-");
    assertThat(as("patty").resource(pod).inNamespace(ns).create().getMetadata().getUid())
        .isNotNull();
    PodBlueprint withService = renamed("nginx-pod.yaml", "patty-svc-");
    ServicePortOptions port = new ServicePortOptions();
    port.name = "http";
    port.port = 80;
    withService.getSpec().service = new ServiceOptions();
    withService.getSpec().service.ports = List.of(port);
    KubernetesClientException refused = refusal("patty", withService, false);
    assertThat(refused).isNotNull();
    assertThat(refused.getStatus().getMessage())
        .contains(
            "user patty may not create services in namespace "
                + ns
                + ", which this PodBlueprint (spec.service) asks the operator to create");
  }

  @Test
  void anUpdateIsCheckedWhenItChangesTheSpecOnly() {
    // The cluster's administrator (the test client) creates a Job blueprint: admitted.
    PodBlueprint job = client.resource(renamed("pi-job.yaml", "admin-")).inNamespace(ns).create();
    String name = job.getMetadata().getName();
    var asMallory = as("mallory").resources(PodBlueprint.class).inNamespace(ns).withName(name);

    // A label leaves the spec alone: mallory may add it.
    ClusterTests.retryOnConflict(
        () ->
            asMallory.edit(
                bp -> {
                  bp.getMetadata().setLabels(Map.of("reviewed-by", "mallory"));
                  return bp;
                }));
    assertThat(ClusterTests.get(ns, name).getMetadata().getLabels())
        .containsEntry("reviewed-by", "mallory");

    // A new spec renders a new Job, which mallory may not create.
    KubernetesClientException refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                ClusterTests.retryOnConflict(
                    () ->
                        asMallory.edit(
                            bp -> {
                              bp.getSpec()
                                  .template
                                  .getSpec()
                                  .getContainers()
                                  .get(0)
                                  .setImage("perl:5.40");
                              return bp;
                            })));
    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(HttpURLConnection.HTTP_FORBIDDEN);
    assertThat(refused.getStatus().getMessage())
        .contains("user mallory may not create jobs in namespace " + ns);
    assertThat(
            ClusterTests.get(ns, name)
                .getSpec()
                .template
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo(job.getSpec().template.getSpec().getContainers().get(0).getImage());
  }

  /** A Role with the blueprint verbs, plus create on the given core resources, bound to user. */
  static void grant(String user, List<String> coreResources) {
    var role =
        new RoleBuilder()
            .withNewMetadata()
            .withName(user)
            .withNamespace(ns)
            .endMetadata()
            .addToRules(
                new PolicyRuleBuilder()
                    .withApiGroups("podblueprint.io")
                    .withResources("podblueprints")
                    .withVerbs(BLUEPRINT_VERBS)
                    .build());
    if (!coreResources.isEmpty()) {
      role.addToRules(
          new PolicyRuleBuilder()
              .withApiGroups("")
              .withResources(coreResources)
              .withVerbs("create")
              .build());
    }
    client.resource(role.build()).create();
    client
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(user)
                .withNamespace(ns)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", user)
                .addNewSubject("rbac.authorization.k8s.io", "User", user, null)
                .build())
        .create();
  }

  /** The refusal of a create as the user (a server-side dry run if asked), or null if admitted. */
  static KubernetesClientException refusal(String user, PodBlueprint blueprint, boolean dryRun) {
    var resource = as(user).resource(blueprint).inNamespace(ns);
    try {
      if (dryRun) {
        resource.dryRun().create();
      } else {
        resource.create();
      }
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN
          || !e.getMessage().contains("ValidatingAdmissionPolicy")) {
        throw e;
      }
      return e;
    }
  }

  /** A client that impersonates the user (the test's own identity may impersonate anyone). */
  static KubernetesClient as(String user) {
    return USERS.computeIfAbsent(
        user,
        u ->
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(client.getConfiguration()).withImpersonateUsername(u).build())
                .build());
  }

  static PodBlueprint sample(String file) {
    return client
        .getKubernetesSerialization()
        .unmarshal(ClusterTests.sample(file), PodBlueprint.class);
  }

  static PodBlueprint renamed(String file, String prefix) {
    PodBlueprint blueprint = sample(file);
    blueprint.getMetadata().setName(prefix + blueprint.getMetadata().getName());
    return blueprint;
  }
}
