package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every child has in common: name, namespace, labels, owner, and stable bytes. */
@Tag("unit")
class ChildRendererTest {
  private static final String SERVICE = "service:\n  ports:\n  - port: 80\n";
  private static final String SCHEDULE = "cronJob:\n  schedule: \"@daily\"\n";

  private static PodBlueprint blueprint(WorkloadKind kind, String more) {
    String cron = kind == WorkloadKind.CronJob ? SCHEDULE : "";
    return Blueprints.simple("shop", kind, cron + more);
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void workloadOfEachKindThenService(WorkloadKind kind) {
    List<HasMetadata> children = ChildRenderer.render(blueprint(kind, SERVICE));
    String apiVersion =
        switch (kind) {
          case Pod -> "v1";
          case Deployment -> "apps/v1";
          case Job, CronJob -> "batch/v1";
        };
    assertThat(children).hasSize(2);
    assertThat(children.get(0).getKind()).isEqualTo(kind.name());
    assertThat(children.get(0).getApiVersion()).isEqualTo(apiVersion);
    assertThat(children.get(1).getKind()).isEqualTo("Service");
    assertThat(children).allSatisfy(c -> assertThat(c.getMetadata().getName()).isEqualTo("shop"));
  }

  @Test
  void noServiceWithoutServiceOptions() {
    assertThat(ChildRenderer.render(blueprint(WorkloadKind.Deployment, "")))
        .extracting(HasMetadata::getKind)
        .containsExactly("Deployment");
  }

  @Test
  void workloadDefaultsToDeployment() {
    PodBlueprint unset = Blueprints.named("d", Blueprints.ONE_CONTAINER);
    assertThat(ChildRenderer.workload(unset).getKind()).isEqualTo("Deployment");
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void namespaceFollowsTheBlueprintOrStaysUnset(WorkloadKind kind) {
    PodBlueprint offline = blueprint(kind, SERVICE);
    assertThat(ChildRenderer.render(offline))
        .allSatisfy(c -> assertThat(c.getMetadata().getNamespace()).isNull());
    PodBlueprint onCluster = Blueprints.onCluster(offline, "shop-ns", "uid-1");
    assertThat(ChildRenderer.render(onCluster))
        .allSatisfy(c -> assertThat(c.getMetadata().getNamespace()).isEqualTo("shop-ns"));
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void controllerOwnerReferenceOnlyWithUid(WorkloadKind kind) {
    PodBlueprint offline = blueprint(kind, SERVICE);
    assertThat(ChildRenderer.render(offline))
        .allSatisfy(c -> assertThat(c.getMetadata().getOwnerReferences()).isEmpty());

    PodBlueprint onCluster = Blueprints.onCluster(offline, "ns", "0b3c-uid");
    for (HasMetadata child : ChildRenderer.render(onCluster)) {
      List<OwnerReference> owners = child.getMetadata().getOwnerReferences();
      assertThat(owners).hasSize(1);
      OwnerReference owner = owners.get(0);
      assertThat(owner.getApiVersion()).isEqualTo("podblueprint.io/v1alpha1");
      assertThat(owner.getKind()).isEqualTo("PodBlueprint");
      assertThat(owner.getName()).isEqualTo("shop");
      assertThat(owner.getUid()).isEqualTo("0b3c-uid");
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void labelsMergeUserLabelsKeptOperatorsWin(WorkloadKind kind) {
    String cron = kind == WorkloadKind.CronJob ? SCHEDULE : "";
    PodBlueprint blueprint =
        Blueprints.named(
            "shop",
            "workload: "
                + kind
                + "\n"
                + cron
                + SERVICE
                + """
                template:
                  metadata:
                    labels:
                      tier: frontend
                      app.kubernetes.io/name: storefront
                      app.kubernetes.io/instance: spoofed
                      app.kubernetes.io/managed-by: helm
                      podblueprint.io/name: other
                  spec:
                    containers:
                    - {name: a, image: b}
                """);
    Map<String, String> expected =
        Map.of(
            "tier",
            "frontend",
            Labels.NAME,
            "storefront",
            Labels.INSTANCE,
            "shop",
            Labels.MANAGED_BY,
            "podblueprint-operator",
            Labels.BLUEPRINT,
            "shop");
    List<HasMetadata> children = ChildRenderer.render(blueprint);
    for (HasMetadata child : children) {
      assertThat(child.getMetadata().getLabels()).as(child.getKind()).isEqualTo(expected);
    }
    assertThat(Workloads.podMetadata(children.get(0)).getLabels()).isEqualTo(expected);
  }

  @Test
  void nameLabelDefaultsToTheBlueprintName() {
    assertThat(Labels.of(blueprint(WorkloadKind.Pod, ""))).containsEntry(Labels.NAME, "shop");
  }

  @Test
  void managedSelectorMatchesTheLabelsOnEveryChild() {
    assertThat(Labels.MANAGED_SELECTOR)
        .isEqualTo("app.kubernetes.io/managed-by=podblueprint-operator");
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void sameBlueprintGivesTheSameBytes(WorkloadKind kind) {
    PodBlueprint blueprint = Blueprints.onCluster(blueprint(kind, SERVICE), "ns", "uid");
    String once = yaml(ChildRenderer.render(blueprint));
    assertThat(yaml(ChildRenderer.render(blueprint))).isEqualTo(once);
    assertThat(yaml(ChildRenderer.render(Blueprints.SERIALIZATION.clone(blueprint))))
        .isEqualTo(once);
  }

  @Test
  void labelOrderInTheTemplateDoesNotChangeTheBytes() {
    String spec =
        "template:\n  metadata:\n    labels: {%s}\n  spec:\n    containers:\n"
            + "    - {name: a, image: b}\n"
            + SERVICE;
    PodBlueprint zyx = Blueprints.named("o", spec.formatted("z: '1', y: '2', x: '3'"));
    PodBlueprint xyz = Blueprints.named("o", spec.formatted("x: '3', y: '2', z: '1'"));
    assertThat(yaml(ChildRenderer.render(zyx))).isEqualTo(yaml(ChildRenderer.render(xyz)));
  }

  private static String yaml(List<HasMetadata> children) {
    StringBuilder out = new StringBuilder();
    children.forEach(c -> out.append(Blueprints.yaml(c)));
    return out.toString();
  }
}
