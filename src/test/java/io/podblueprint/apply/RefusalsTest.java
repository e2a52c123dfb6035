package io.podblueprint.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which refusals can clear without a change to the blueprint (and are checked again): the cluster's
 * policies (Pod Security since issue 16); not the child's own invalid fields.
 */
@Tag("unit")
class RefusalsTest {
  @Test
  void theOperatorsOwnMissingPermissionDependsOnTheCluster() {
    // What an API server answers while its RBAC rules are not loaded yet, or when RBAC lacks a
    // rule.
    assertThat(
            Refusals.dependsOnCluster(
                refusal(
                    403,
                    "deployments.apps \"web\" is forbidden: User"
                        + " \"system:serviceaccount:podblueprint-system:podblueprint-operator\""
                        + " cannot patch resource \"deployments\" in API group \"apps\" in the"
                        + " namespace \"shop\"")))
        .isTrue();
  }

  @Test
  void anExhaustedQuotaDependsOnTheCluster() {
    assertThat(
            Refusals.dependsOnCluster(
                refusal(
                    403,
                    "pods \"web\" is forbidden: exceeded quota: compute, requested: cpu=2,"
                        + " used: cpu=9, limited: cpu=10")))
        .isTrue();
  }

  @Test
  void podSecurityDependsOnTheClusterToo() {
    assertThat(
            Refusals.dependsOnCluster(
                refusal(
                    403,
                    "pods \"web\" is forbidden: violates PodSecurity \"restricted:latest\":"
                        + " privileged (container \"app\" must not set"
                        + " securityContext.privileged=true)")))
        .isTrue();
  }

  @Test
  void anAdmissionPolicyDependsOnTheCluster() {
    assertThat(
            Refusals.dependsOnCluster(
                refusal(
                    422,
                    "pods \"web\" is forbidden: ValidatingAdmissionPolicy 'no-bare-pods' with"
                        + " binding 'no-bare-pods' denied request: bare pods are not allowed here")))
        .isTrue();
  }

  @Test
  void anInvalidChildIsAboutTheSpec() {
    assertThat(
            Refusals.dependsOnCluster(
                refusal(422, "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value")))
        .isFalse();
  }

  private static KubernetesClientException refusal(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withReason("Forbidden").withMessage(message).build());
  }
}
