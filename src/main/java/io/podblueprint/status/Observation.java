package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.Event;
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
 * @param failedCreates the Job controller's FailedCreate Events about those Jobs (the workload Job
 *     or the CronJob's runs): the only place it says why it cannot create a Job's pods
 */
public record Observation(
    HasMetadata workload,
    List<Job> jobs,
    List<Pod> pods,
    ApplyReport apply,
    List<Event> failedCreates) {

  public Observation {
    jobs = List.copyOf(jobs);
    pods = List.copyOf(pods);
    failedCreates = List.copyOf(failedCreates);
  }

  public Observation(HasMetadata workload, List<Job> jobs, List<Pod> pods, ApplyReport apply) {
    this(workload, jobs, pods, apply, List.of());
  }
}
