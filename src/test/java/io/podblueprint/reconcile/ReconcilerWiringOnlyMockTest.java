package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
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

  PodBlueprint create(String ns, String name, String spec) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(existing -> existing.update());
    PodBlueprint blueprint = Blueprints.named(name, spec);
    blueprint.getMetadata().setNamespace(ns);
    return client.resource(blueprint).create();
  }

  /** Edits the spec like a user would, retrying when the operator's status write came first. */
  void edit(String ns, java.util.function.Consumer<PodBlueprint> change) {
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
        .until(
            () -> {
              PodBlueprint bp =
                  client.resources(PodBlueprint.class).inNamespace(ns).withName("web").get();
              change.accept(bp);
              Long generation = bp.getMetadata().getGeneration();
              bp.getMetadata().setGeneration(generation == null ? 2 : generation + 1);
              client.resource(bp).update();
              return true;
            });
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

  @Test
  void createsTheChildrenAndWritesAStatus() {
    create("create", "web", DEPLOYMENT_WITH_SERVICE);
    await()
        .atMost(WAIT)
        .until(
            () -> client.apps().deployments().inNamespace("create").withName("web").get() != null);
    await()
        .atMost(WAIT)
        .until(() -> client.services().inNamespace("create").withName("web").get() != null);
    var deployment = client.apps().deployments().inNamespace("create").withName("web").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("PodBlueprint"));
    // The mock runs no Deployment controller: the Deployment never gets a status or pods, so the
    // blueprint says it is rolling out, with no pods yet, and is not stalled.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var bp =
                  client.resources(PodBlueprint.class).inNamespace("create").withName("web").get();
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
    create("update", "web", DEPLOYMENT_WITH_SERVICE);
    await()
        .atMost(WAIT)
        .until(
            () -> client.apps().deployments().inNamespace("update").withName("web").get() != null);
    edit(
        "update",
        bp -> {
          bp.getSpec().template.getSpec().getContainers().get(0).setImage("nginx:1.28");
        });
    await()
        .atMost(WAIT)
        .until(
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace("update")
                    .withName("web")
                    .get()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .equals("nginx:1.28"));
  }

  @Test
  void aDeletedChildIsRecreated() {
    create("drift", "web", DEPLOYMENT_WITH_SERVICE);
    await()
        .atMost(WAIT)
        .until(() -> client.services().inNamespace("drift").withName("web").get() != null);
    String deletedUid =
        client.services().inNamespace("drift").withName("web").get().getMetadata().getUid();
    client.services().inNamespace("drift").withName("web").delete();
    // A new object (another uid), not the deleted one still being read back.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var service = client.services().inNamespace("drift").withName("web").get();
              assertThat(service).as("the recreated Service").isNotNull();
              assertThat(service.getMetadata().getUid()).isNotNull().isNotEqualTo(deletedUid);
              assertThat(service.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      o ->
                          assertThat(o.getUid())
                              .isEqualTo(
                                  client
                                      .resources(PodBlueprint.class)
                                      .inNamespace("drift")
                                      .withName("web")
                                      .get()
                                      .getMetadata()
                                      .getUid()));
            });
  }

  @Test
  void switchingTheWorkloadKindDeletesTheOldChild() {
    create("switch", "web", DEPLOYMENT_WITH_SERVICE);
    await()
        .atMost(WAIT)
        .until(
            () -> client.apps().deployments().inNamespace("switch").withName("web").get() != null);
    edit(
        "switch",
        bp -> {
          bp.getSpec().workload = io.podblueprint.api.v1alpha1.WorkloadKind.Pod;
          bp.getSpec().replicas = null;
          bp.getSpec().service = null;
        });
    await()
        .atMost(WAIT)
        .until(() -> client.pods().inNamespace("switch").withName("web").get() != null);
    await()
        .atMost(WAIT)
        .until(
            () -> client.apps().deployments().inNamespace("switch").withName("web").get() == null);
    await()
        .atMost(WAIT)
        .until(() -> client.services().inNamespace("switch").withName("web").get() == null);
  }

  @Test
  void anInvalidSpecKeepsTheOldChildrenAndSaysWhy() {
    create("invalid", "web", DEPLOYMENT_WITH_SERVICE);
    await()
        .atMost(WAIT)
        .until(
            () -> client.apps().deployments().inNamespace("invalid").withName("web").get() != null);
    edit(
        "invalid",
        bp -> {
          var c = bp.getSpec().template.getSpec().getContainers().get(0);
          c.setImage("nginx:1.28");
          c.setVolumeMounts(
              java.util.List.of(
                  new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
                      .withName("data")
                      .withMountPath("/data")
                      .build()));
        });
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var bp =
                  client.resources(PodBlueprint.class).inNamespace("invalid").withName("web").get();
              return bp.getStatus() != null && "Invalid".equals(bp.getStatus().phase);
            });
    var bp = client.resources(PodBlueprint.class).inNamespace("invalid").withName("web").get();
    assertThat(bp.getStatus().reason).isEqualTo("InvalidSpec");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("invalid")
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("nginx:1.27");
  }
}
