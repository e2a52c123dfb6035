package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.TestNamespace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The recorder against the real API server: a Warning that repeats is one core/v1 Event whose count
 * and lastTimestamp grow, as `kubectl describe` shows for built-in controllers' Events.
 */
@Tag("cluster")
class EventCountOnClusterTest {
  @RegisterExtension static final TestNamespace ns = TestNamespace.withoutOperator("events");

  static final KubernetesClient client = ClusterTests.client();

  /** A clock the test moves. */
  static final class Hands extends Clock {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void aRepeatedWarningIsOneEventWithACount() {
    // A blueprint with an invalid spec: no operator acts on it, the recorder only needs its uid.
    PodBlueprint blueprint =
        ClusterTests.apply(ns.name(), Blueprints.named("refused").workload("Pod").yaml());
    Hands clock = new Hands();
    EventRecorder recorder = new EventRecorder(client, clock, Runnable::run);
    String message = "Pod refused exists and is not controlled by this blueprint";
    recorder.warning(blueprint, "ChildRefused", message);
    clock.now = clock.now.plusSeconds(60);
    recorder.warning(blueprint, "ChildRefused", message);
    assertThat(warnings(blueprint)).singleElement().extracting(Event::getCount).isEqualTo(1);

    clock.now = clock.now.plus(EventSeries.INTERVAL);
    recorder.warning(blueprint, "ChildRefused", message);
    Event counted = warnings(blueprint).get(0);
    assertThat(warnings(blueprint)).hasSize(1);
    assertThat(counted.getCount()).isEqualTo(3);
    assertThat(counted.getLastTimestamp()).isEqualTo("2026-12-03T12:06:00Z");
    assertThat(counted.getFirstTimestamp()).isEqualTo("2026-12-03T12:00:00Z");

    recorder.warning(blueprint, "ChildRefused", "another message");
    assertThat(warnings(blueprint)).hasSize(2);

    // The Event is gone (expired): the next repeat starts a new one.
    client.v1().events().inNamespace(ns.name()).withName(counted.getMetadata().getName()).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> warnings(blueprint).size() == 1);
    clock.now = clock.now.plus(EventSeries.INTERVAL);
    recorder.warning(blueprint, "ChildRefused", message); // the count's patch finds nothing
    recorder.warning(blueprint, "ChildRefused", message);
    assertThat(warnings(blueprint))
        .filteredOn(e -> message.equals(e.getMessage()))
        .singleElement()
        .extracting(Event::getCount)
        .isEqualTo(1);
  }

  static List<Event> warnings(PodBlueprint blueprint) {
    return client.v1().events().inNamespace(ns.name()).list().getItems().stream()
        .filter(e -> blueprint.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .filter(e -> "Warning".equals(e.getType()))
        .toList();
  }
}
