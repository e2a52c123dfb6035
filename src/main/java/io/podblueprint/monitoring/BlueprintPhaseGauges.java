package io.podblueprint.monitoring;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.Phases;
import jakarta.inject.Singleton;

/**
 * podblueprint_blueprints{phase=...}: how many blueprints the operator watches, by status.phase,
 * counted from the blueprint informer's cache when Prometheus scrapes, so deletions count at once
 * and nothing is stored twice. "Unknown" counts blueprints that have no status yet.
 */
@Singleton
public class BlueprintPhaseGauges {
  public static final String UNKNOWN = "Unknown";
  private volatile IndexedResourceCache<PodBlueprint> cache;

  public BlueprintPhaseGauges(MeterRegistry registry) {
    for (String phase : Phases.ALL) {
      register(registry, phase);
    }
    register(registry, UNKNOWN);
  }

  /** Called once the controller has its primary cache (JOSDK's prepareEventSources). */
  public void countFrom(IndexedResourceCache<PodBlueprint> cache) {
    this.cache = cache;
  }

  private void register(MeterRegistry registry, String phase) {
    Gauge.builder("podblueprint.blueprints", this, gauges -> gauges.count(phase))
        .description("Blueprints watched by this operator, by status.phase")
        .tag("phase", phase)
        .register(registry);
  }

  double count(String phase) {
    IndexedResourceCache<PodBlueprint> current = cache;
    if (current == null) {
      return 0;
    }
    return current.list().filter(blueprint -> phase.equals(phaseOf(blueprint))).count();
  }

  static String phaseOf(PodBlueprint blueprint) {
    var status = blueprint.getStatus();
    return status == null || status.phase == null ? UNKNOWN : status.phase;
  }
}
