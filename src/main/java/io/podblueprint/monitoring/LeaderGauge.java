package io.podblueprint.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * podblueprint_leader: 1 while this process runs the reconcilers, 0 while it waits for the Lease.
 * Without leader election (make run) the process always reconciles, so it reads 1.
 */
@Startup // registered even when leader election is off and nothing injects it
@Singleton
public class LeaderGauge {
  private volatile boolean electionEnabled;
  private volatile boolean leading;

  public LeaderGauge(MeterRegistry registry) {
    Gauge.builder("podblueprint.leader", this, LeaderGauge::value)
        .description("1 when this replica reconciles (holds the Lease, or runs without election)")
        .register(registry);
  }

  public void electionEnabled() {
    electionEnabled = true;
  }

  public void startedLeading() {
    leading = true;
  }

  public void stoppedLeading() {
    leading = false;
  }

  double value() {
    return !electionEnabled || leading ? 1 : 0;
  }
}
