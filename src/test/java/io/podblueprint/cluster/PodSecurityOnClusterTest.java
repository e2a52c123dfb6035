package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.BlueprintYaml;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pod Security admission is what limits what a blueprint's author may run. In a namespace that
 * enforces the restricted profile, a blueprint whose pods violate it shows the refusal on the
 * blueprint for every workload kind: a bare Pod is refused outright (ChildRefused); a Deployment's
 * pods in its ReplicaSet's FailedCreate (the ReplicaFailure condition); a Job's, and a CronJob
 * run's, in the Job controller's FailedCreate Events (a Job has no condition for it).
 */
@Tag("cluster")
class PodSecurityOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final Duration CRON_WAIT = Duration.ofSeconds(150);
  static final String VIOLATES = "violates PodSecurity \"restricted:latest\"";

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("restricted");
  static final KubernetesClient client = ClusterTests.client();

  @BeforeAll
  static void setUp() {
    ClusterTests.retryOnConflict(
        () ->
            client
                .namespaces()
                .withName(ns.name())
                .edit(
                    n -> {
                      n.getMetadata()
                          .getLabels()
                          .putAll(Map.of("pod-security.kubernetes.io/enforce", "restricted"));
                      return n;
                    }));
  }

  /** Runs as root with a hostPath volume and a privileged container: three violations. */
  static BlueprintYaml violating(String name, String workload) {
    return Blueprints.named(name)
        .workload(workload)
        .podSpec(
            """
            securityContext:
              runAsUser: 0
            volumes:
              - name: host
                hostPath: {path: /}
            """)
        .containers(
            """
            - name: agent
              image: example/node-agent:1
              securityContext:
                privileged: true
              volumeMounts: [{name: host, mountPath: /host}]
            """);
  }

  static PodBlueprint stalled(String name, String reason, Duration timeout) {
    PodBlueprint blueprint =
        ClusterTests.awaitCondition(ns.name(), name, ConditionTypes.STALLED, "True", timeout);
    var stalled = ClusterTests.condition(blueprint, ConditionTypes.STALLED).orElseThrow();
    assertThat(stalled.getReason()).isEqualTo(reason);
    assertThat(stalled.getMessage())
        .contains(VIOLATES)
        .contains("restricted volume type \"hostPath\"")
        .contains("privileged")
        .contains("runAsUser=0");
    var ready = ClusterTests.condition(blueprint, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains(VIOLATES);
    assertThat(blueprint.getStatus().phase).isIn("Degraded", "Failed");
    return blueprint;
  }

  @Test
  void aBarePodIsRefusedDirectly() {
    ClusterTests.apply(ns.name(), violating("bare", "Pod").yaml());
    stalled("bare", "ChildRefused", WAIT);
    assertThat(client.pods().inNamespace(ns.name()).withName("bare").get()).isNull();
  }

  @Test
  void aDeploymentsPodsAreRefusedInItsReplicaSetsFailedCreate() {
    ClusterTests.apply(ns.name(), violating("deploy", "Deployment").yaml());
    stalled("deploy", "FailedCreate", WAIT);
    assertThat(
            client.pods().inNamespace(ns.name()).withLabel("podblueprint.io/name", "deploy").list())
        .satisfies(list -> assertThat(list.getItems()).isEmpty());
  }

  @Test
  void aJobsPodsAreRefusedInTheJobControllersFailedCreate() {
    ClusterTests.apply(ns.name(), violating("job", "Job").yaml());
    PodBlueprint blueprint = stalled("job", "FailedCreate", WAIT);
    assertThat(ClusterTests.condition(blueprint, ConditionTypes.STALLED).orElseThrow().getMessage())
        .startsWith("Job job cannot create its pods: Error creating: pods \"job-");
  }

  @Test
  void aCronJobRunsPodsAreRefusedInTheJobControllersFailedCreate() {
    ClusterTests.apply(
        ns.name(), violating("cron", "CronJob").spec("cronJob: {schedule: \"* * * * *\"}").yaml());
    PodBlueprint blueprint = stalled("cron", "FailedCreate", CRON_WAIT);
    assertThat(ClusterTests.condition(blueprint, ConditionTypes.STALLED).orElseThrow().getMessage())
        .startsWith("run cron-");
  }

  @Test
  void aCompliantBlueprintRunsInTheSameNamespace() {
    String yaml =
        Blueprints.named("compliant")
            .podSpec(
                """
                securityContext:
                  runAsNonRoot: true
                  runAsUser: 10001
                  seccompProfile: {type: RuntimeDefault}
                """)
            .containers(
                """
                - name: web
                  image: nginxinc/nginx-unprivileged:1.27
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [ALL]}
                """)
            .yaml();
    ClusterTests.apply(ns.name(), yaml);
    ClusterTests.awaitCondition(ns.name(), "compliant", ConditionTypes.READY, "True", WAIT);
  }
}
