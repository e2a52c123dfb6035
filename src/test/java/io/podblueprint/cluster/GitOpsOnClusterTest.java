package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a GitOps tool sees: a second sync of unchanged manifests changes nothing, fields the user
 * leaves unset (Deployment replicas) are left to others (an HPA), and the operator writes a
 * blueprint's status and nothing else of it.
 */
@Tag("cluster")
class GitOpsOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String SYNC_MANAGER = "argocd-controller";
  static final String OPERATOR_MANAGER = "podblueprint-operator";
  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("gitops");
  static final KubernetesClient client = ClusterTests.client();

  static OperatorWrites operatorWrites;

  /** The Git repository: the samples, the CronJob made yearly so no run happens mid-test. */
  static final List<String> MANIFESTS =
      Stream.of("webapp-deployment.yaml", "nginx-pod.yaml", "pi-job.yaml", "hello-cronjob.yaml")
          .map(ClusterTests::sample)
          .map(yaml -> yaml.replace("schedule: \"* * * * *\"", "schedule: \"0 0 1 1 *\""))
          .toList();

  @BeforeAll
  static void setUp() {
    operatorWrites = OperatorWrites.in(ns.name());
  }

  @AfterAll
  static void tearDown() {
    operatorWrites.close();
  }

  /** One sync: server-side apply of every manifest under the GitOps tool's field manager. */
  static void sync() {
    for (String yaml : MANIFESTS) {
      PodBlueprint blueprint =
          client.getKubernetesSerialization().unmarshal(yaml, PodBlueprint.class);
      client
          .resource(blueprint)
          .inNamespace(ns.name())
          .fieldManager(SYNC_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
  }

  @Test
  void aSecondSyncOfTheSameManifestsChangesNoChild() throws Exception {
    sync();
    ClusterTests.awaitCondition(ns.name(), "webapp", ConditionTypes.READY, "True", WAIT);
    ClusterTests.awaitCondition(ns.name(), "nginx", ConditionTypes.READY, "True", WAIT);
    ClusterTests.awaitCondition(ns.name(), "pi", ConditionTypes.COMPLETE, "True", WAIT);
    ClusterTests.awaitCondition(ns.name(), "hello", ConditionTypes.READY, "True", WAIT);
    Map<String, String> settled = awaitSettled();
    assertThat(settled).containsKeys("Deployment/webapp", "Service/webapp", "Pod/nginx");
    assertThat(settled).containsKeys("Job/pi", "CronJob/hello");
    Map<String, String> blueprints = blueprintStates();

    long writesBefore = operatorWrites.count();
    sync();
    // A quiet window, not a wait: the operator must not react to an unchanged sync, which can only
    // be shown over time. The children must stay as they were for 10 s after the second sync.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(versions())
                    .as("children's resourceVersions after the second sync")
                    .isEqualTo(settled));
    // A blueprint's own resourceVersion may move once: the API server rewrites managedFields when
    // an applier's entry is no longer the last one (the operator's status entry came after it),
    // even though no field changed. Its generation and status must not move.
    assertThat(blueprintStates()).as("blueprints' generation and status").isEqualTo(blueprints);
    assertThat(operatorWrites.count() - writesBefore)
        .as("the operator's writes of any resource after an unchanged sync")
        .isZero();
  }

  @Test
  void theOperatorWritesTheStatusOfABlueprintAndNothingElse() {
    sync();
    for (String name : List.of("webapp", "nginx", "pi", "hello")) {
      await()
          .atMost(WAIT)
          .until(
              () -> ClusterTests.get(ns.name(), name),
              // Not the schema's default status (observedGeneration 0): the operator's own.
              bp ->
                  bp.getStatus() != null
                      && bp.getMetadata()
                          .getGeneration()
                          .equals(bp.getStatus().observedGeneration));
      PodBlueprint blueprint = ClusterTests.get(ns.name(), name);
      List<ManagedFieldsEntry> operatorEntries =
          blueprint.getMetadata().getManagedFields().stream()
              .filter(entry -> OPERATOR_MANAGER.equals(entry.getManager()))
              .toList();
      assertThat(operatorEntries).as("%s: the operator's managedFields", name).isNotEmpty();
      for (ManagedFieldsEntry entry : operatorEntries) {
        assertThat(entry.getSubresource()).as("%s: written through", name).isEqualTo("status");
        assertThat(entry.getFieldsV1().getAdditionalProperties().keySet())
            .as("%s: the fields the operator owns", name)
            .containsExactly("f:status");
      }
      assertThat(blueprint.getMetadata().getManagedFields())
          .filteredOn(entry -> entry.getSubresource() == null || entry.getSubresource().isEmpty())
          .extracting(ManagedFieldsEntry::getManager)
          .as("%s: who wrote the spec and metadata", name)
          .containsOnly(SYNC_MANAGER);
      assertThat(blueprint.getMetadata().getFinalizers()).isNullOrEmpty();
      assertThat(blueprint.getMetadata().getAnnotations()).isNullOrEmpty();
    }
  }

  @Test
  void anOmittedReplicasIsLeftToTheAutoscaler() throws Exception {
    String yaml =
        Blueprints.named("scaled")
            .workload("Deployment")
            .containers("- {name: web, image: nginx:1.27}")
            .yaml();
    ClusterTests.apply(ns.name(), yaml);
    ClusterTests.awaitCondition(ns.name(), "scaled", ConditionTypes.READY, "True", WAIT);
    Deployment deployment = deployment("scaled");
    assertThat(deployment.getSpec().getReplicas()).as("the API server's default").isEqualTo(1);
    ManagedFieldsEntry operatorEntry =
        deployment.getMetadata().getManagedFields().stream()
            .filter(entry -> OPERATOR_MANAGER.equals(entry.getManager()))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>) operatorEntry.getFieldsV1().getAdditionalProperties().get("f:spec");
    assertThat(spec).containsKey("f:template").doesNotContainKey("f:replicas");

    // What an HorizontalPodAutoscaler does: the scale subresource.
    client.apps().deployments().inNamespace(ns.name()).withName("scaled").scale(3);
    // The operator sees the change (its status counts 3 ready pods) and leaves it alone.
    await()
        .atMost(WAIT)
        .until(
            () -> ClusterTests.get(ns.name(), "scaled").getStatus(),
            status ->
                Objects.equals(status.readyReplicas, 3) && Objects.equals(status.replicas, 3));
    // A quiet window, not a wait: the operator must leave the HPA's replicas alone, which can only
    // be shown over time. They must stay at 3 for 10 s after the operator has seen them.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(deployment("scaled").getSpec().getReplicas()).isEqualTo(3));
    assertThat(ClusterTests.condition(ClusterTests.get(ns.name(), "scaled"), ConditionTypes.READY))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(ns.name()).withName(name).get();
  }

  /** Waits until nothing in the namespace's blueprints and children moves for 5 s. */
  Map<String, String> awaitSettled() {
    AtomicReference<Map<String, String>> last = new AtomicReference<>(versions());
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> last.getAndSet(versions()).equals(last.get()));
    return last.get();
  }

  /** name to generation and status of every blueprint. */
  Map<String, String> blueprintStates() {
    Map<String, String> states = new TreeMap<>();
    for (PodBlueprint blueprint :
        client.resources(PodBlueprint.class).inNamespace(ns.name()).list().getItems()) {
      states.put(
          blueprint.getMetadata().getName(),
          blueprint.getMetadata().getGeneration()
              + " "
              + client.getKubernetesSerialization().asJson(blueprint.getStatus()));
    }
    return states;
  }

  /** kind/name to resourceVersion of every child the operator writes. */
  Map<String, String> versions() {
    Map<String, String> versions = new TreeMap<>();
    Stream.of(
            client.apps().deployments().inNamespace(ns.name()).list().getItems(),
            client.services().inNamespace(ns.name()).list().getItems(),
            client
                .pods()
                .inNamespace(ns.name())
                .withLabel("podblueprint.io/name", "nginx")
                .list()
                .getItems(),
            client.batch().v1().jobs().inNamespace(ns.name()).list().getItems(),
            client.batch().v1().cronjobs().inNamespace(ns.name()).list().getItems())
        .flatMap(List::stream)
        .map(HasMetadata.class::cast)
        .forEach(
            o ->
                versions.put(
                    o.getKind() + "/" + o.getMetadata().getName(),
                    o.getMetadata().getResourceVersion()));
    return versions;
  }
}
