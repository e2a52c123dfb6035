package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.podblueprint.api.v1alpha1.JobOptions;
import io.podblueprint.api.v1alpha1.PodBlueprint;

/** workload: Job, and the Job template of a CronJob. Kubernetes picks the Job's selector. */
public final class JobRenderer {
  private JobRenderer() {}

  public static Job render(PodBlueprint blueprint) {
    return new JobBuilder()
        .withMetadata(ChildMetadata.of(blueprint, Names.workload(blueprint)))
        .withSpec(spec(blueprint))
        .build();
  }

  static JobSpec spec(PodBlueprint blueprint) {
    JobOptions job = blueprint.getSpec().job == null ? new JobOptions() : blueprint.getSpec().job;
    return new JobSpecBuilder()
        .withCompletions(job.completions)
        .withParallelism(job.parallelism)
        .withBackoffLimit(job.backoffLimit)
        .withActiveDeadlineSeconds(job.activeDeadlineSeconds)
        .withTtlSecondsAfterFinished(job.ttlSecondsAfterFinished)
        .withTemplate(PodTemplateRenderer.render(blueprint))
        .build();
  }
}
