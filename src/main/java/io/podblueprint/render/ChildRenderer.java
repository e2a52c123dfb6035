package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.ArrayList;
import java.util.List;

/** Blueprint in, every child out: the workload first, then the Service if one is asked for. */
public final class ChildRenderer {
  private ChildRenderer() {}

  public static List<HasMetadata> render(PodBlueprint blueprint) {
    List<HasMetadata> children = new ArrayList<>(2);
    children.add(workload(blueprint));
    if (blueprint.getSpec().service != null) {
      children.add(ServiceRenderer.render(blueprint));
    }
    return List.copyOf(children);
  }

  /** The Java type of the workload child the blueprint asks for. */
  public static Class<? extends HasMetadata> workloadType(PodBlueprint blueprint) {
    return switch (blueprint.getSpec().workloadOrDefault()) {
      case Pod -> io.fabric8.kubernetes.api.model.Pod.class;
      case Deployment -> io.fabric8.kubernetes.api.model.apps.Deployment.class;
      case Job -> io.fabric8.kubernetes.api.model.batch.v1.Job.class;
      case CronJob -> io.fabric8.kubernetes.api.model.batch.v1.CronJob.class;
    };
  }

  public static HasMetadata workload(PodBlueprint blueprint) {
    return switch (blueprint.getSpec().workloadOrDefault()) {
      case Pod -> PodRenderer.render(blueprint);
      case Deployment -> DeploymentRenderer.render(blueprint);
      case Job -> JobRenderer.render(blueprint);
      case CronJob -> CronJobRenderer.render(blueprint);
    };
  }

  /**
   * A Job, or a bare Pod whose restartPolicy is Never or OnFailure: a run to completion, created
   * once per generation.
   */
  public static boolean runsOnce(HasMetadata child) {
    if (child instanceof io.fabric8.kubernetes.api.model.batch.v1.Job) {
      return true;
    }
    if (child instanceof io.fabric8.kubernetes.api.model.Pod pod) {
      String policy = pod.getSpec() == null ? null : pod.getSpec().getRestartPolicy();
      return "Never".equals(policy) || "OnFailure".equals(policy);
    }
    return false;
  }
}
