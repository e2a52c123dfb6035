package io.podblueprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.api.v1alpha1.WorkloadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The test blueprint builder writes the same documents the tests used to spell out by hand. */
@Tag("unit")
class BlueprintYamlTest {

  @Test
  void everyPartLandsWhereAHandWrittenBlueprintHasIt() {
    String built =
        Blueprints.named("again")
            .workload("Job")
            .spec("job: {backoffLimit: 0}")
            .spec(
                """
                service:
                  ports: [{port: 80}]
                """)
            .annotations("{podblueprint.io/kwok-fail: Hold}")
            .podSpec("restartPolicy: Never\nnodeSelector: {disktype: ssd}")
            .containers(
                """
                - name: web
                  image: nginx:1.27
                  ports: [{name: http, containerPort: 8080}]
                """)
            .yaml();
    String byHand =
        """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: again
        spec:
          workload: Job
          job: {backoffLimit: 0}
          service:
            ports: [{port: 80}]
          template:
            metadata:
              annotations: {podblueprint.io/kwok-fail: Hold}
            spec:
              restartPolicy: Never
              nodeSelector: {disktype: ssd}
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{name: http, containerPort: 8080}]
        """;
    assertThat(Blueprints.treeOfYaml(built)).isEqualTo(Blueprints.treeOfYaml(byHand));
    assertThat(Blueprints.unknownFields(Blueprints.fromYaml(built))).isEmpty();
  }

  @Test
  void blockAnnotationsAndTheDefaults() {
    String built =
        Blueprints.named("plain").annotations("podblueprint.io/kwok-fail: OOMKilled").yaml();
    String byHand =
        """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: plain
        spec:
          template:
            metadata:
              annotations:
                podblueprint.io/kwok-fail: OOMKilled
            spec:
              containers:
                - name: app
                  image: nginx:1.27
        """;
    assertThat(Blueprints.treeOfYaml(built)).isEqualTo(Blueprints.treeOfYaml(byHand));
    var blueprint = Blueprints.named("plain").build();
    assertThat(blueprint.getSpec().workloadOrDefault()).isEqualTo(WorkloadKind.Deployment);
    assertThat(blueprint.getSpec().template.getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.27"));
  }
}
