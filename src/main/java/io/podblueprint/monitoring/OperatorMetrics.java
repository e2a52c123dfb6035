package io.podblueprint.monitoring;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's Micrometer metrics, aggregated per controller rather than per blueprint (the extension's
 * default): a per-blueprint timer keeps its ~70 histogram series after the blueprint is gone, so
 * series would grow with every blueprint ever created.
 */
public class OperatorMetrics {
  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry) {
    return MicrometerMetrics.newMicrometerMetricsBuilder(registry)
        .notCollectingMetricsPerResource()
        .build();
  }
}
