package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.regex.Pattern;

/** Words an API server refusal for the blueprint's status and Events, keeping its field paths. */
final class Refusals {
  /** RBAC's denial: `User "..." cannot patch resource "deployments" in API group ...`. */
  private static final Pattern RBAC_DENIAL = Pattern.compile("cannot [a-z]+ resource");

  /** Words of refusals that a change to the cluster, not to the blueprint, can clear. */
  private static final List<String> CLUSTER_POLICY =
      List.of(
          "exceeded quota",
          "violates PodSecurity",
          "ValidatingAdmissionPolicy",
          "admission webhook",
          "denied the request");

  private Refusals() {}

  static String describe(HasMetadata child, KubernetesClientException e) {
    var status = e.getStatus();
    String why =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    String reason =
        status != null && status.getReason() != null ? " (" + status.getReason() + ")" : "";
    return "the API server refused "
        + child.getKind()
        + " "
        + child.getMetadata().getName()
        + reason
        + ": "
        + why;
  }

  /**
   * A refusal that a change to the cluster can clear, with no change to the blueprint and nothing
   * that would wake the blueprint up: the operator's own permissions (RBAC denies it, or an API
   * server that has just started has not loaded its RBAC rules yet), a used-up ResourceQuota, Pod
   * Security admission (a namespace label), a ValidatingAdmissionPolicy or an admission webhook.
   * These are checked again; a child's own invalid field is not.
   */
  static boolean dependsOnCluster(KubernetesClientException e) {
    String message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
    if (message == null) {
      return false;
    }
    if (e.getCode() == 403 && RBAC_DENIAL.matcher(message).find()) {
      return true;
    }
    return CLUSTER_POLICY.stream().anyMatch(message::contains);
  }
}
