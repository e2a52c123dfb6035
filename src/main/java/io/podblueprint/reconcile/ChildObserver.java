package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.render.ChildRenderer;
import io.podblueprint.status.ApplyReport;
import io.podblueprint.status.Observation;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what the informers hold about one blueprint's children and pods. No API calls. */
final class ChildObserver {
  private ChildObserver() {}

  static Observation observe(PodBlueprint blueprint, Context<PodBlueprint> ctx, ApplyReport apply) {
    String name = blueprint.getMetadata().getName();
    String namespace = blueprint.getMetadata().getNamespace();
    Class<? extends HasMetadata> kind = ChildRenderer.workloadType(blueprint);
    HasMetadata workload =
        Children.cached(ctx, kind, name, namespace)
            .filter(child -> Children.controlledBy(child, blueprint))
            .orElse(null);
    List<Job> jobs =
        workload == null
            ? List.of()
            : ctx.getSecondaryResources(Job.class).stream()
                .filter(job -> ownedBy(job, workload))
                .toList();
    List<Pod> pods =
        ctx.getSecondaryResources(Pod.class).stream()
            .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
            .filter(pod -> !(workload instanceof CronJob) || active(pod))
            .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
            .toList();
    Set<String> jobUids = new HashSet<>();
    if (workload instanceof Job job) {
      jobUids.add(job.getMetadata().getUid());
    }
    jobs.forEach(job -> jobUids.add(job.getMetadata().getUid()));
    List<Event> failedCreates =
        jobUids.isEmpty()
            ? List.of()
            : ctx.getSecondaryResources(Event.class).stream()
                .filter(e -> e.getInvolvedObject() != null)
                .filter(e -> jobUids.contains(e.getInvolvedObject().getUid()))
                .toList();
    return new Observation(workload, jobs, pods, apply, failedCreates);
  }

  /** A CronJob's finished runs are history; its pod conditions speak of the active run only. */
  private static boolean active(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
    var refs = child.getMetadata().getOwnerReferences();
    return refs != null
        && refs.stream().anyMatch(r -> owner.getMetadata().getUid().equals(r.getUid()));
  }
}
