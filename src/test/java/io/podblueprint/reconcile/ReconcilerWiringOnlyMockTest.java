package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wiring only: the operator runs in Quarkus against the fabric8 mock server in CRUD mode, and these
 * tests check that blueprint and child events reach the reconciler and that its stages run in order
 * (children created, an edit reaching them, a deleted child recreated, a kind switch, an invalid
 * spec keeping the children).
 *
 * <p>They do not test the production write path. Here the status is written with a JSON merge patch
 * ({@code %test.quarkus.operator-sdk.enable-ssa=false}, the other branch of StatusWriter), and the
 * mock turns each server-side apply of a child into a create or a whole replacement ({@link
 * ApplyAsReplaceCrudMockServer}): no field ownership, no managed fields, no defaulting, no
 * controllers. The write path is tested on the real API server (tag {@code cluster}):
 *
 * <ul>
 *   <li>server-side apply of the status through /status, and nothing else of the blueprint:
 *       GitOpsOnClusterTest#theOperatorWritesTheStatusOfABlueprintAndNothingElse;
 *   <li>server-side apply of the children, owning only the operator's fields:
 *       GitOpsOnClusterTest#aSecondSyncOfTheSameManifestsChangesNoChild and
 *       #anOmittedReplicasIsLeftToTheAutoscaler;
 *   <li>updates, drift healing, ownership and garbage collection: LifecycleOnClusterTest;
 *   <li>no take-over of a hand-made object: LifecycleEdgesOnClusterTest
 *       #aHandMadeObjectOfAChildsNameIsNeverTakenOver;
 *   <li>no write when nothing changed: IdleOnClusterTest#anIdleOperatorWritesNothing.
 * </ul>
 */
@Tag("mock")
@QuarkusTest
@QuarkusTestResource(value = ApplyAsReplaceCrudMockServer.class, restrictToAnnotatedClass = true)
class ReconcilerWiringOnlyMockTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @Inject KubernetesClient client;
  @Inject io.javaoperatorsdk.operator.Operator operator;

  /**
   * The operator exits when an informer stops for good ({@code config/InformerFailure}): the
   * handler must reach JOSDK's configuration. Without {@code @Unremovable} ArC removed it as an
   * unused bean and none was installed.
   */
  @Test
  void theInformerStoppedHandlerIsInstalled() {
    assertThat(operator.getConfigurationService().getInformerStoppedHandler())
        .get()
        .satisfies(
            handler ->
                assertThat(handler.getClass().getName())
                    .startsWith(io.podblueprint.config.InformerFailure.class.getName()));
  }

  static final String DEPLOYMENT_WITH_SERVICE =
      """
      workload: Deployment
      replicas: 2
      template:
        spec:
          containers:
            - name: web
              image: nginx:1.27
              ports: [{name: http, containerPort: 80}]
      service:
        ports: [{name: http, port: 80, targetPort: http}]
      """;

  /** Creates blueprint "web" in a namespace of its own and waits for its Deployment. */
  void createAndAwaitTheDeployment(String ns) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(existing -> existing.update());
    PodBlueprint blueprint = Blueprints.named("web", DEPLOYMENT_WITH_SERVICE);
    blueprint.getMetadata().setNamespace(ns);
    client.resource(blueprint).create();
    awaitPresent(() -> deployment(ns));
  }

  /** Edits the spec like a user would, retrying when the operator's status write came first. */
  void edit(String ns, Consumer<PodBlueprint> change) {
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () -> {
              PodBlueprint bp = blueprint(ns);
              change.accept(bp);
              Long generation = bp.getMetadata().getGeneration();
              bp.getMetadata().setGeneration(generation == null ? 2 : generation + 1);
              client.resource(bp).update();
              return true;
            });
  }

  PodBlueprint blueprint(String ns) {
    return client.resources(PodBlueprint.class).inNamespace(ns).withName("web").get();
  }

  Deployment deployment(String ns) {
    return client.apps().deployments().inNamespace(ns).withName("web").get();
  }

  Service service(String ns) {
    return client.services().inNamespace(ns).withName("web").get();
  }

  Pod pod(String ns) {
    return client.pods().inNamespace(ns).withName("web").get();
  }

  static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  static void awaitPresent(Supplier<?> read) {
    await().atMost(WAIT).until(() -> read.get() != null);
  }

  static void awaitGone(Supplier<?> read) {
    await().atMost(WAIT).until(() -> read.get() == null);
  }

  @Test
  void createsTheChildrenAndWritesAStatus() {
    createAndAwaitTheDeployment("create");
    awaitPresent(() -> service("create"));
    assertThat(deployment("create").getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment("create").getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("PodBlueprint"));
    // The mock runs no Deployment controller: the Deployment never gets a status or pods, so the
    // blueprint says it is rolling out, with no pods yet, and is not stalled.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var bp = blueprint("create");
              assertThat(bp.getStatus()).as("status").isNotNull();
              assertThat(bp.getStatus().observedGeneration)
                  .isEqualTo(bp.getMetadata().getGeneration());
              assertThat(bp.getStatus().conditions)
                  .extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                  .containsExactly(
                      "PodScheduled=Unknown/NoPods",
                      "Initialized=Unknown/NoPods",
                      "ContainersReady=Unknown/NoPods",
                      "Ready=False/RollingOut",
                      "Reconciling=True/RollingOut",
                      "Stalled=False/NotStalled");
              assertThat(bp.getStatus().conditions)
                  .allSatisfy(
                      c ->
                          assertThat(c.getObservedGeneration())
                              .isEqualTo(bp.getMetadata().getGeneration()));
            });
  }

  @Test
  void anUpdateReachesTheChild() {
    createAndAwaitTheDeployment("update");
    edit(
        "update",
        bp -> bp.getSpec().template.getSpec().getContainers().get(0).setImage("nginx:1.28"));
    await().atMost(WAIT).until(() -> image(deployment("update")).equals("nginx:1.28"));
  }

  @Test
  void aDeletedChildIsRecreated() {
    createAndAwaitTheDeployment("drift");
    awaitPresent(() -> service("drift"));
    String deletedUid = service("drift").getMetadata().getUid();
    client.services().inNamespace("drift").withName("web").delete();
    // A new object (another uid), not the deleted one still being read back.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Service service = service("drift");
              assertThat(service).as("the recreated Service").isNotNull();
              assertThat(service.getMetadata().getUid()).isNotNull().isNotEqualTo(deletedUid);
              assertThat(service.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      o ->
                          assertThat(o.getUid())
                              .isEqualTo(blueprint("drift").getMetadata().getUid()));
            });
  }

  @Test
  void switchingTheWorkloadKindDeletesTheOldChild() {
    createAndAwaitTheDeployment("switch");
    edit(
        "switch",
        bp -> {
          bp.getSpec().workload = WorkloadKind.Pod;
          bp.getSpec().replicas = null;
          bp.getSpec().service = null;
        });
    awaitPresent(() -> pod("switch"));
    awaitGone(() -> deployment("switch"));
    awaitGone(() -> service("switch"));
  }

  @Test
  void anInvalidSpecKeepsTheOldChildrenAndSaysWhy() {
    createAndAwaitTheDeployment("invalid");
    edit(
        "invalid",
        bp -> {
          var c = bp.getSpec().template.getSpec().getContainers().get(0);
          c.setImage("nginx:1.28");
          c.setVolumeMounts(
              List.of(new VolumeMountBuilder().withName("data").withMountPath("/data").build()));
        });
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var bp = blueprint("invalid");
              return bp.getStatus() != null && "Invalid".equals(bp.getStatus().phase);
            });
    assertThat(blueprint("invalid").getStatus().reason).isEqualTo("InvalidSpec");
    assertThat(image(deployment("invalid"))).isEqualTo("nginx:1.27");
  }
}
