package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/**
 * What the operator saw of one blueprint's children in its informer caches, plus what its last
 * apply did. Plain data: the status package turns it into a status without any API call.
 *
 * @param workload the current workload child (Pod, Deployment, Job or CronJob), or null if absent
 * @param jobs the Jobs a CronJob child created (empty for other kinds)
 * @param pods the blueprint's pods that are not being deleted
 * @param apply what applying the children did in this reconcile
 */
public record Observation(HasMetadata workload, List<Job> jobs, List<Pod> pods, ApplyReport apply) {

  public Observation {
    jobs = List.copyOf(jobs);
    pods = List.copyOf(pods);
  }
}
