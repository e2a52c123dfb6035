package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Test helper: reaches into any rendered workload for its pods' metadata and spec. */
final class Workloads {
  private Workloads() {}

  static PodSpec podSpec(HasMetadata workload) {
    if (workload instanceof Pod pod) {
      return pod.getSpec();
    }
    if (workload instanceof Deployment deployment) {
      return deployment.getSpec().getTemplate().getSpec();
    }
    if (workload instanceof Job job) {
      return job.getSpec().getTemplate().getSpec();
    }
    if (workload instanceof CronJob cron) {
      return cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }
    throw new IllegalArgumentException("not a workload: " + workload.getKind());
  }

  /** The metadata the pods get: a bare Pod's own, otherwise the pod template's. */
  static ObjectMeta podMetadata(HasMetadata workload) {
    if (workload instanceof Pod pod) {
      return pod.getMetadata();
    }
    if (workload instanceof Deployment deployment) {
      return deployment.getSpec().getTemplate().getMetadata();
    }
    if (workload instanceof Job job) {
      return job.getSpec().getTemplate().getMetadata();
    }
    if (workload instanceof CronJob cron) {
      return cron.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata();
    }
    throw new IllegalArgumentException("not a workload: " + workload.getKind());
  }
}
