package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.podblueprint.api.v1alpha1.CronJobOptions;
import io.podblueprint.api.v1alpha1.PodBlueprint;

/** workload: CronJob. Its Jobs carry the blueprint's labels, so the operator sees each run. */
public final class CronJobRenderer {
  private CronJobRenderer() {}

  public static CronJob render(PodBlueprint blueprint) {
    CronJobOptions cron = blueprint.getSpec().cronJob;
    return new CronJobBuilder()
        .withMetadata(ChildMetadata.of(blueprint, Names.workload(blueprint)))
        .withNewSpec()
        .withSchedule(cron.schedule)
        .withTimeZone(cron.timeZone)
        .withStartingDeadlineSeconds(cron.startingDeadlineSeconds)
        .withConcurrencyPolicy(
            cron.concurrencyPolicy == null ? null : cron.concurrencyPolicy.name())
        .withSuspend(cron.suspend)
        .withSuccessfulJobsHistoryLimit(cron.successfulJobsHistoryLimit)
        .withFailedJobsHistoryLimit(cron.failedJobsHistoryLimit)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(Labels.of(blueprint))
        .endMetadata()
        .withSpec(JobRenderer.spec(blueprint))
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
