package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Once everything is settled, the operator makes no write at all for a full minute. */
@Tag("cluster")
class IdleOnClusterTest {
  static final Duration IDLE = Duration.ofSeconds(Long.getLong("idle.seconds", 60));
  static String ns;

  @BeforeAll
  static void setUp() {
    KwokCluster.operator();
    ns = KwokCluster.namespace("idle");
  }

  @AfterAll
  static void tearDown() {
    KwokCluster.deleteNamespace(ns);
  }

  @Test
  void anIdleOperatorWritesNothing() throws Exception {
    // No CronJob here: a run every minute is a real change the status must report.
    for (String sample : new String[] {"webapp-deployment.yaml", "nginx-pod.yaml", "pi-job.yaml"}) {
      KwokCluster.apply(ns, KwokCluster.sample(sample));
    }
    KwokCluster.awaitCondition(ns, "webapp", ConditionTypes.READY, "True", Duration.ofSeconds(90));
    KwokCluster.awaitCondition(ns, "nginx", ConditionTypes.READY, "True", Duration.ofSeconds(90));
    KwokCluster.awaitCondition(ns, "pi", ConditionTypes.COMPLETE, "True", Duration.ofSeconds(90));
    long writes = ApiServerMetrics.awaitNoWritesFor(KwokCluster.client(), Duration.ofSeconds(5));
    String before = KwokCluster.get(ns, "webapp").getMetadata().getResourceVersion();
    // The quiet window itself: idleness can only be shown over time. No sleep waits for anything
    // here; the wait above ended when the last writes of the roll-out were done.
    Thread.sleep(IDLE.toMillis());
    long after = ApiServerMetrics.operatorWrites(KwokCluster.client());
    assertThat(after - writes).as("blueprint and child writes over %s of idleness", IDLE).isZero();
    assertThat(KwokCluster.get(ns, "webapp").getMetadata().getResourceVersion()).isEqualTo(before);
  }
}
