package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ApplyReport;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Conditions;
import io.podblueprint.status.Reasons;
import java.util.regex.Pattern;

/** Words an API server refusal for the blueprint's status and Events, keeping its field paths. */
final class Refusals {
  /** RBAC's denial: `User "..." cannot patch resource "deployments" in API group ...`. */
  private static final Pattern RBAC_DENIAL = Pattern.compile("cannot [a-z]+ resource");

  private Refusals() {}

  static String describe(HasMetadata child, KubernetesClientException e) {
    var status = e.getStatus();
    String why =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    String reason =
        status != null && status.getReason() != null ? " (" + status.getReason() + ")" : "";
    return "the API server refused " + Children.describe(child) + reason + ": " + why;
  }

  /**
   * The report of a refusal, with a Warning Event. A refusal that can clear without a change to the
   * blueprint is reported for now and checked again later; its Event is not repeated while the
   * blueprint's status already says it.
   */
  static ApplyReport report(
      PodBlueprint blueprint,
      HasMetadata child,
      KubernetesClientException e,
      EventRecorder events) {
    String message = describe(child, e);
    boolean forNow = dependsOnCluster(e);
    if (!forNow || !alreadyReported(blueprint, message)) {
      events.warning(blueprint, Reasons.CHILD_REFUSED, message);
    }
    return forNow
        ? ApplyReport.refusedForNow(Reasons.CHILD_REFUSED, message)
        : ApplyReport.refused(Reasons.CHILD_REFUSED, message);
  }

  /**
   * A refusal that says nothing wrong about the child: the operator's own permissions (RBAC denies
   * it, or an API server that has just started has not loaded its RBAC rules yet) or a namespace's
   * ResourceQuota that is used up. Granting the permission or freeing the quota clears it, and
   * neither wakes the blueprint up, so it must be checked again.
   */
  static boolean dependsOnCluster(KubernetesClientException e) {
    if (e.getCode() != 403) {
      return false;
    }
    String message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
    return message != null
        && (RBAC_DENIAL.matcher(message).find() || message.contains("exceeded quota"));
  }

  private static boolean alreadyReported(PodBlueprint blueprint, String message) {
    return Conditions.find(blueprint.getStatus(), ConditionTypes.STALLED)
        .filter(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage()))
        .isPresent();
  }
}
