package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DeploymentRendererTest {
  private static PodBlueprint withLabels(String labels, String more) {
    return Blueprints.named(
        "web",
        "workload: Deployment\n"
            + more
            + "template:\n  metadata:\n    labels: {"
            + labels
            + "}\n  spec:\n    containers:\n    - {name: a, image: b}\n");
  }

  @Test
  void replicasAreWrittenWhenGiven() {
    Deployment deployment =
        DeploymentRenderer.render(
            Blueprints.simple("web", WorkloadKind.Deployment, "replicas: 3\n"));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    Deployment zero =
        DeploymentRenderer.render(
            Blueprints.simple("web", WorkloadKind.Deployment, "replicas: 0\n"));
    assertThat(zero.getSpec().getReplicas()).isZero();
  }

  @Test
  void replicasAreLeftOutWhenUnsetSoAnAutoscalerCanOwnThem() {
    Deployment deployment =
        DeploymentRenderer.render(Blueprints.simple("web", WorkloadKind.Deployment));
    assertThat(deployment.getSpec().getReplicas()).isNull();
    assertThat(Blueprints.yaml(deployment)).doesNotContain("replicas");
  }

  @Test
  void selectorIsTheBlueprintLabelOnly() {
    Deployment deployment = DeploymentRenderer.render(withLabels("tier: web", ""));
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of(Labels.BLUEPRINT, "web"));
    assertThat(deployment.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void selectorDoesNotMoveWhenTemplateLabelsChange() {
    Deployment before = DeploymentRenderer.render(withLabels("tier: web", ""));
    Deployment after =
        DeploymentRenderer.render(
            withLabels("tier: api, version: v2, app.kubernetes.io/name: x", ""));
    assertThat(after.getSpec().getSelector()).isEqualTo(before.getSpec().getSelector());
    assertThat(after.getSpec().getTemplate().getMetadata().getLabels())
        .isNotEqualTo(before.getSpec().getTemplate().getMetadata().getLabels());
  }

  @Test
  void noStrategyOrOtherFieldsTheBlueprintDidNotAskFor() {
    Deployment deployment =
        DeploymentRenderer.render(Blueprints.simple("web", WorkloadKind.Deployment));
    assertThat(deployment.getSpec().getStrategy()).isNull();
    assertThat(deployment.getSpec().getMinReadySeconds()).isNull();
    assertThat(deployment.getSpec().getRevisionHistoryLimit()).isNull();
    assertThat(deployment.getStatus()).isNull();
  }
}
