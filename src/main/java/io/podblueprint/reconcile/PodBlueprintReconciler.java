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
 * spec → validate → render → server-side apply → observe → status. Every step but apply and the
 * status patch is pure; the status is patched only when it differs from what is stored, and a
 * rollout's progress detail at most every StatusPacing.INTERVAL.
 */
@ControllerConfiguration(name = "podblueprint", fieldManager = ChildApplier.FIELD_MANAGER)
public class PodBlueprintReconciler implements Reconciler<PodBlueprint> {
  private final ChildApplier applier;
  private final StatusEvents statusEvents;
  private final BlueprintPhaseGauges phaseGauges;
  private final StatusPacing pacing = new StatusPacing(StatusPacing.INTERVAL);
  private final Clock clock = Clock.systemUTC();

  @Inject
  public PodBlueprintReconciler(KubernetesClient client, BlueprintPhaseGauges phaseGauges) {
    EventRecorder events = new EventRecorder(client);
    this.applier = new ChildApplier(client, events);
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
    ApplyReport report =
        findings.isEmpty()
            ? applier.apply(blueprint, ChildRenderer.render(blueprint), ctx)
            : ApplyReport.invalid(findings.stream().map(Finding::toString).toList());
    Observation observed = ChildObserver.observe(blueprint, ctx, report);
    Instant now = clock.instant();
    PodBlueprintStatus status = StatusAggregator.aggregate(blueprint, observed, now);
    Optional<Duration> recheck =
        report.recheck() ? Optional.of(RefusalRecheck.after(status, now)) : Optional.empty();
    if (status.equals(blueprint.getStatus())) {
      return after(recheck);
    }
    Optional<Duration> holdBack = pacing.holdBack(blueprint, status, now);
    if (holdBack.isPresent()) {
      return after(holdBack);
    }
    statusEvents.onChange(blueprint, blueprint.getStatus(), status);
    StatusWriter.write(blueprint, status, ctx);
    pacing.written(blueprint, status, now);
    return after(recheck);
  }

  /** No update (the status is written above); reconcile again after the delay, if there is one. */
  private static UpdateControl<PodBlueprint> after(Optional<Duration> delay) {
    UpdateControl<PodBlueprint> control = UpdateControl.noUpdate();
    return delay.map(control::rescheduleAfter).orElse(control);
  }
}
