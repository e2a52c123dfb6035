package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** Tells an update refused because a field cannot change in place from a genuinely bad spec. */
final class Immutability {
  private static final int UNPROCESSABLE = 422;
  private static final List<String> MARKERS =
      List.of("field is immutable", "may not change fields other than", "pod updates may not");

  private Immutability() {}

  static boolean refusedAsImmutable(KubernetesClientException e, HasMetadata desired) {
    if (e.getCode() != UNPROCESSABLE || !(desired instanceof Pod || desired instanceof Job)) {
      return false;
    }
    var status = e.getStatus();
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return containsMarker(e.getMessage());
    }
    var causes = status.getDetails().getCauses();
    return !causes.isEmpty() && causes.stream().allMatch(c -> containsMarker(c.getMessage()));
  }

  private static boolean containsMarker(String message) {
    return message != null && MARKERS.stream().anyMatch(message::contains);
  }
}
