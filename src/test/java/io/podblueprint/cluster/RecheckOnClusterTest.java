package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Reasons;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refusal that the cluster, not the blueprint, causes (an exhausted ResourceQuota here; the
 * operator's own RBAC, or an API server that has just restarted and not loaded RBAC yet, behave
 * alike) is reported, and cleared without any change to the blueprint once the cluster allows it.
 */
@Tag("cluster")
class RecheckOnClusterTest {

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("recheck");
  static final KubernetesClient client = ClusterTests.client();

  @Test
  void aBlueprintRefusedForAnExhaustedQuotaGetsReadyOnceTheQuotaIsRaised() {
    ResourceQuota quota =
        client
            .resource(
                new ResourceQuotaBuilder()
                    .withNewMetadata()
                    .withName("services")
                    .withNamespace(ns.name())
                    .endMetadata()
                    .withNewSpec()
                    .addToHard("services", new Quantity("0"))
                    .endSpec()
                    .build())
            .create();
    // The quota admission plugin enforces a quota once the controller manager has counted it.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.resource(quota).get().getStatus(),
            status -> status != null && status.getHard() != null && !status.getHard().isEmpty());

    ClusterTests.apply(
        ns.name(),
        Blueprints.named("web")
            .spec("service:\n  ports: [{port: 80}]")
            .containers("- {name: web, image: nginx:1.27}")
            .yaml());
    PodBlueprint stalled =
        ClusterTests.awaitCondition(
            ns.name(), "web", ConditionTypes.STALLED, "True", Duration.ofSeconds(60));
    assertThat(ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow())
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.CHILD_REFUSED))
        .satisfies(c -> assertThat(c.getMessage()).contains("exceeded quota"));
    long generation = stalled.getMetadata().getGeneration();

    ClusterTests.retryOnConflict(
        () ->
            client
                .resources(ResourceQuota.class)
                .inNamespace(ns.name())
                .withName("services")
                .edit(
                    q -> {
                      q.getSpec().getHard().put("services", new Quantity("1"));
                      return q;
                    }));

    PodBlueprint ready =
        ClusterTests.awaitCondition(
            ns.name(), "web", ConditionTypes.READY, "True", Duration.ofSeconds(90));
    assertThat(ready.getMetadata().getGeneration())
        .as("nobody touched the blueprint")
        .isEqualTo(generation);
    assertThat(ClusterTests.condition(ready, ConditionTypes.STALLED).orElseThrow().getStatus())
        .isEqualTo("False");
  }
}
