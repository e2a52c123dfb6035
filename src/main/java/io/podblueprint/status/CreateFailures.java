package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a Job cannot create its pods. The Job controller writes no condition for it (unlike a
 * Deployment's ReplicaFailure): it only records a FailedCreate Event on the Job, for example when
 * Pod Security admission or a ResourceQuota refuses the pod, and tries again with a back-off. While
 * the Job has no pod at all, its newest such Event is the honest answer.
 */
final class CreateFailures {
  private final List<Event> events;
  private final List<Pod> pods;

  CreateFailures(List<Event> events, List<Pod> pods) {
    this.events = events;
    this.pods = pods;
  }

  /** The newest FailedCreate message about this Job, if it has no pod yet. */
  Optional<String> of(Job job) {
    String uid = job.getMetadata().getUid();
    if (uid == null || active(job) > 0 || pods.stream().anyMatch(p -> ownedBy(p, uid))) {
      return Optional.empty();
    }
    return events.stream()
        .filter(e -> Reasons.FAILED_CREATE.equals(e.getReason()))
        .filter(e -> e.getInvolvedObject() != null && uid.equals(e.getInvolvedObject().getUid()))
        .max(Comparator.comparing(CreateFailures::when))
        .map(Event::getMessage);
  }

  private static int active(Job job) {
    return job.getStatus() == null || job.getStatus().getActive() == null
        ? 0
        : job.getStatus().getActive();
  }

  private static boolean ownedBy(Pod pod, String uid) {
    var owners = pod.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()));
  }

  /** RFC 3339 timestamps in UTC sort as text; a series' last occurrence counts. */
  private static String when(Event event) {
    if (event.getLastTimestamp() != null) {
      return event.getLastTimestamp();
    }
    String created =
        event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp();
    return created == null ? "" : created;
  }
}
