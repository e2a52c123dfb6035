package io.podblueprint.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the informer caches keep of children and pods. */
@Tag("unit")
class CacheTrimTest {
  private static final FieldsV1 FIELDS = new FieldsV1();

  static {
    FIELDS.setAdditionalProperty("f:spec", Map.of("f:replicas", Map.of()));
  }

  private static ManagedFieldsEntry entry(String manager, String operation, String subresource) {
    return new ManagedFieldsEntryBuilder()
        .withManager(manager)
        .withOperation(operation)
        .withSubresource(subresource)
        .withTime("2026-12-03T12:00:00Z")
        .withFieldsType("FieldsV1")
        .withFieldsV1(FIELDS)
        .build();
  }

  @Test
  void keepsTheOperatorsOwnApplyEntryWholeAndOnlyWhoWroteTheOthers() {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("default")
            .withResourceVersion("7")
            .withManagedFields(
                entry("podblueprint-operator", "Apply", null),
                entry("kube-controller-manager", "Update", "status"),
                entry("kubectl-edit", "Update", null))
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .endSpec()
            .build();

    Deployment cached = CacheTrim.trim(deployment);

    var fields = cached.getMetadata().getManagedFields();
    assertThat(fields)
        .extracting(ManagedFieldsEntry::getManager)
        .containsExactly("podblueprint-operator", "kube-controller-manager", "kubectl-edit");
    assertThat(fields.get(0)).isEqualTo(entry("podblueprint-operator", "Apply", null));
    assertThat(fields.get(1).getFieldsV1()).isNull();
    assertThat(fields.get(1).getSubresource()).isEqualTo("status");
    assertThat(fields.get(1).getOperation()).isEqualTo("Update");
    assertThat(fields.get(2).getFieldsV1()).isNull();
    assertThat(cached.getSpec().getReplicas()).isEqualTo(2);
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
  }

  @Test
  void anUpdateByTheOperatorsManagerIsNotItsApplyEntry() {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withManagedFields(entry("podblueprint-operator", "Update", null))
            .endMetadata()
            .build();

    assertThat(CacheTrim.trim(deployment).getMetadata().getManagedFields())
        .singleElement()
        .satisfies(e -> assertThat(e.getFieldsV1()).isNull());
  }

  private static PodBuilder pod(String ownerKind) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-7d9f-abcde")
        .withNamespace("default")
        .withUid("pod-uid")
        .withResourceVersion("42")
        .withDeletionTimestamp("2026-12-03T12:01:00Z")
        .addToLabels("podblueprint.io/name", "web")
        .addToAnnotations("podblueprint.io/spec-hash", "abc")
        .addNewOwnerReference()
        .withApiVersion("podblueprint.io/v1alpha1")
        .withKind(ownerKind)
        .withName("web")
        .withUid("owner-uid")
        .withController(true)
        .endOwnerReference()
        .withManagedFields(entry("kube-controller-manager", "Update", null))
        .endMetadata()
        .withNewSpec()
        .withNodeName("kwok-node-3")
        .withRestartPolicy("Always")
        .addNewContainer()
        .withName("app")
        .withImage("example/app:1")
        .addNewEnv()
        .withName("A")
        .withValue("1")
        .endEnv()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addNewContainerStatus()
        .withName("app")
        .withReady(true)
        .withRestartCount(3)
        .endContainerStatus()
        .endStatus();
  }

  @Test
  void aPodOfAWorkloadKeepsItsMetadataNodeAndStatusOnly() {
    Pod pod = pod("ReplicaSet").build();
    var status = pod.getStatus();
    var labels = pod.getMetadata().getLabels();

    Pod cached = CacheTrim.trim(pod);

    assertThat(cached.getSpec().getNodeName()).isEqualTo("kwok-node-3");
    assertThat(cached.getSpec().getContainers()).isEmpty();
    assertThat(cached.getSpec().getRestartPolicy()).isNull();
    assertThat(cached.getStatus()).isSameAs(status);
    assertThat(cached.getMetadata().getLabels()).isEqualTo(labels);
    assertThat(cached.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo("owner-uid"));
    assertThat(cached.getMetadata().getDeletionTimestamp()).isEqualTo("2026-12-03T12:01:00Z");
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(cached.getMetadata().getManagedFields())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getManager()).isEqualTo("kube-controller-manager");
              assertThat(e.getFieldsV1()).isNull();
            });
    assertThat(cached.getKind()).isEqualTo("Pod");
    assertThat(cached.getApiVersion()).isEqualTo("v1");
  }

  @Test
  void aBarePodChildOfABlueprintStaysWhole() {
    Pod pod = pod("PodBlueprint").build();
    var spec = pod.getSpec();

    Pod cached = CacheTrim.trim(pod);

    assertThat(cached.getSpec()).isSameAs(spec);
    assertThat(cached.getSpec().getContainers()).singleElement();
    assertThat(cached.getMetadata().getAnnotations())
        .containsEntry("podblueprint.io/spec-hash", "abc");
  }

  @Test
  void aPodWithoutOwnerIsTrimmed() {
    Pod pod = pod("ReplicaSet").editMetadata().withOwnerReferences().endMetadata().build();

    assertThat(CacheTrim.trim(pod).getSpec().getContainers()).isEmpty();
  }

  @Test
  void objectsWithoutManagedFieldsPassThrough() {
    HasMetadata deployment =
        new DeploymentBuilder().withNewMetadata().withName("web").endMetadata().build();

    assertThat(CacheTrim.trim(deployment).getMetadata().getManagedFields()).isEmpty();
  }

  @Test
  void oneStorePerInformer_soOnlyWithAllNamespacesOrOne() {
    assertThat(CacheTrim.store(Set.of(Constants.WATCH_ALL_NAMESPACES))).isPresent();
    assertThat(CacheTrim.store(Set.of("team-a"))).isPresent();
    assertThat(CacheTrim.store(Set.of("team-a", "team-b"))).isEmpty();
  }
}
