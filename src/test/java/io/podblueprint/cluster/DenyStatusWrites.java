package io.podblueprint.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import java.time.Duration;

/**
 * A ValidatingAdmissionPolicy that refuses every status write of blueprints labelled {@link
 * #LABEL}: a reconcile whose status write fails (MetricsOnClusterTest, StatusRefusedOnClusterTest).
 */
public final class DenyStatusWrites {
  public static final String LABEL = "podblueprint.io/test: deny-status";
  public static final String MESSAGE = "status writes refused by a test policy";
  private static final String POLICY =
      """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata:
        name: podblueprint-test-deny-status
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
            message: %s
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata:
        name: podblueprint-test-deny-status
      spec:
        policyName: podblueprint-test-deny-status
        validationActions: [Deny]
        matchResources:
          objectSelector:
            matchLabels: {%s}
      """
          .formatted(MESSAGE, LABEL);

  private DenyStatusWrites() {}

  /**
   * Applies the policy and waits until it is in force (the API server loads it asynchronously): a
   * dry-run status write of a labelled probe blueprint in {@code probeNs} is refused.
   */
  public static void applyAndAwait(String probeNs) {
    ClusterTests.client().resourceList(POLICY).serverSideApply();
    ClusterTests.apply(
        probeNs,
        ClusterTests.sample("nginx-pod.yaml")
            .replace(
                "metadata:\n  name: nginx", "metadata:\n  name: probe\n  labels: {" + LABEL + "}"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              var probe = ClusterTests.get(probeNs, "probe");
              probe.setStatus(new PodBlueprintStatus());
              try {
                ClusterTests.client().resource(probe).inNamespace(probeNs).dryRun().updateStatus();
                return false;
              } catch (KubernetesClientException e) {
                return String.valueOf(e.getMessage()).contains(MESSAGE);
              }
            });
  }

  public static void delete() {
    ClusterTests.client().resourceList(POLICY).delete();
  }
}
