package io.podblueprint.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.apply.Notice;
import io.podblueprint.apply.Outcome;
import io.podblueprint.monitoring.BlueprintPhaseGauges;
import io.podblueprint.render.ChildRenderer;
import io.podblueprint.status.ApplyReport;
import io.podblueprint.status.Observation;
import io.podblueprint.status.StatusAggregator;
import io.podblueprint.validation.BlueprintValidator;
import io.podblueprint.validation.Finding;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * spec → validate → render → plan → apply (io.podblueprint.apply) → observe → status. Every step
 * but apply and the status patch is pure; the status is patched only when it differs from what is
 * stored, and a rollout's progress detail only as StatusPacing allows.
 */
@ControllerConfiguration(name = "podblueprint", fieldManager = ChildApplier.FIELD_MANAGER)
public class PodBlueprintReconciler implements Reconciler<PodBlueprint> {
  private final ChildApplier applier;
  private final EventRecorder events;
  private final StatusEvents statusEvents;
  private final BlueprintPhaseGauges phaseGauges;
  private final StatusPacing pacing = new StatusPacing(StatusPacing.DETAIL_AFTER);
  private final Clock clock = Clock.systemUTC();

  @Inject
  public PodBlueprintReconciler(KubernetesClient client, BlueprintPhaseGauges phaseGauges) {
    EventRecorder events = new EventRecorder(client);
    this.applier = new ChildApplier(client);
    this.events = events;
    this.statusEvents = new StatusEvents(events);
    this.phaseGauges = phaseGauges;
  }

  @Override
  public List<EventSource<?, PodBlueprint>> prepareEventSources(
      EventSourceContext<PodBlueprint> context) {
    phaseGauges.countFrom(context.getPrimaryCache());
    return ChildEventSources.create(context);
  }

  @Override
  public UpdateControl<PodBlueprint> reconcile(PodBlueprint blueprint, Context<PodBlueprint> ctx) {
    List<Finding> findings = BlueprintValidator.validate(blueprint);
    Outcome outcome =
        findings.isEmpty()
            ? applier.apply(blueprint, ChildRenderer.render(blueprint), ctx)
            : new Outcome(
                ApplyReport.invalid(findings.stream().map(Finding::toString).toList()), List.of());
    ApplyReport report = outcome.report();
    Observation observed = ChildObserver.observe(blueprint, ctx, report);
    Instant now = clock.instant();
    PodBlueprintStatus status = StatusAggregator.aggregate(blueprint, observed, now);
    Optional<Duration> recheck =
        report.recheck() ? Optional.of(RefusalRecheck.after(status, now)) : Optional.empty();
    if (status.equals(blueprint.getStatus())) {
      send(blueprint, outcome.notices());
      return after(recheck);
    }
    StatusPacing.Decision pace = pacing.decide(blueprint, status, now);
    if (!pace.write()) {
      send(blueprint, outcome.notices());
      return after(pace.recheck().or(() -> recheck));
    }
    PodBlueprintStatus before = blueprint.getStatus();
    StatusWriter.write(blueprint, status, ctx);
    pacing.written(blueprint, before, status, now);
    // Events go out once the status is written: a reconcile retried after a failed write sends
    // them then, not twice.
    send(blueprint, outcome.notices());
    statusEvents.onChange(blueprint, before, status);
    return after(recheck);
  }

  private void send(PodBlueprint blueprint, List<Notice> notices) {
    for (Notice notice : notices) {
      if (notice.warning()) {
        events.warning(blueprint, notice.reason(), notice.message());
      } else {
        events.normal(blueprint, notice.reason(), notice.message());
      }
    }
  }

  /** No update (the status is written above); reconcile again after the delay, if there is one. */
  private static UpdateControl<PodBlueprint> after(Optional<Duration> delay) {
    UpdateControl<PodBlueprint> control = UpdateControl.noUpdate();
    return delay.map(control::rescheduleAfter).orElse(control);
  }
}
