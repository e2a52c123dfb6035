package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.OperatorProcess;
import io.podblueprint.cluster.TestNamespace;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A status write the API server refuses (a ValidatingAdmissionPolicy) fails the reconcile at once
 * with the server's message, to be retried with backoff; it does not hold a reconcile thread for 10
 * s waiting for a newer version that no refusal brings (JOSDK's helper retries 422 that way).
 */
@Tag("cluster")
class StatusRefusedOnClusterTest {
  static final String LABEL = "podblueprint.io/test: deny-status-write";
  static final String POLICY =
      """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata:
        name: podblueprint-test-deny-status-write
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
            - apiGroups: [podblueprint.io]
              apiVersions: ["*"]
              operations: [UPDATE]
              resources: [podblueprints/status]
        validations:
          - expression: "false"
            message: status writes refused by StatusRefusedOnClusterTest
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata:
        name: podblueprint-test-deny-status-write
      spec:
        policyName: podblueprint-test-deny-status-write
        validationActions: [Deny]
        matchResources:
          objectSelector:
            matchLabels: {podblueprint.io/test: deny-status-write}
      """;

  static KubernetesClient client;
  static OperatorProcess operator;

  @RegisterExtension
  static final TestNamespace namespace = TestNamespace.withSharedOperator("status-refused");

  static String ns;

  @BeforeAll
  static void setUp() {
    operator = KwokCluster.operator();
    client = ClusterTests.client();
    ns = namespace.name();
  }

  @AfterAll
  static void tearDown() {
    client.resourceList(POLICY).delete();
  }

  static String blueprint(String name) {
    return """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: %s
          labels: {%s}
        spec:
          workload: Pod
          template:
            spec:
              containers: [{name: app, image: nginx:1.27}]
        """
        .formatted(name, LABEL);
  }

  @Test
  void aRefusedStatusFailsTheReconcileAtOnceWithTheServersMessage() throws Exception {
    client.resourceList(POLICY).serverSideApply();
    ClusterTests.apply(ns, blueprint("probe"));
    // The API server loads a policy asynchronously: wait until it refuses a (dry-run) write.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              var probe = ClusterTests.get(ns, "probe");
              probe.setStatus(new PodBlueprintStatus());
              try {
                client.resource(probe).inNamespace(ns).dryRun().updateStatus();
                return false;
              } catch (KubernetesClientException e) {
                return String.valueOf(e.getMessage()).contains("StatusRefusedOnClusterTest");
              }
            });

    ClusterTests.apply(ns, blueprint("refused"));
    String refused = "the API server refused the status of " + ns + "/refused";
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Files.readString(operator.log()).contains(refused));
    String log = Files.readString(operator.log());
    assertThat(log).contains("status writes refused by StatusRefusedOnClusterTest");
    assertThat(log)
        .as("no wait for a newer version in the cache after a refusal")
        .doesNotContain("Timeout of resource polling");
    var status = ClusterTests.get(ns, "refused").getStatus();
    assertThat(status == null ? null : status.conditions).as("nothing was written").isNullOrEmpty();
  }
}
