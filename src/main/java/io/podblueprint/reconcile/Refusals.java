package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Words an API server refusal for the blueprint's status and Events, keeping its field paths. */
final class Refusals {
  private Refusals() {}

  static String describe(HasMetadata child, KubernetesClientException e) {
    var status = e.getStatus();
    String why =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    String reason =
        status != null && status.getReason() != null ? " (" + status.getReason() + ")" : "";
    return "the API server refused " + Children.describe(child) + reason + ": " + why;
  }
}
