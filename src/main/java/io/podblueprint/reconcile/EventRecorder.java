package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.config.WriteFence;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Records core/v1 Events on a blueprint, the way built-in controllers do; never fails a reconcile.
 *
 * <p>Events are sent from a small pool of their own, not from the reconcile thread: a reconcile
 * then waits for its children's writes and its status write only (at 1000 blueprints an Event POST
 * took as long as a child's apply). Like client-go's event broadcaster, this is best effort: when
 * the queue is full (the API server far behind), an Event is dropped and logged at debug. An Event
 * that repeats one already sent adds to that one's count ({@link EventSeries}).
 */
final class EventRecorder {
  static final String COMPONENT = "podblueprint-operator";
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final int MAX_MESSAGE = 1024;
  private static final int SENDERS = 2;
  private static final int QUEUE = 10_000;

  private final KubernetesClient client;
  private final Executor sender;
  private final Clock clock;
  private final EventSeries series = new EventSeries();

  EventRecorder(KubernetesClient client) {
    this(client, Clock.systemUTC(), senders());
  }

  EventRecorder(KubernetesClient client, Clock clock, Executor sender) {
    this.client = client;
    this.clock = clock;
    this.sender = sender;
  }

  private static Executor senders() {
    AtomicInteger threads = new AtomicInteger();
    return new ThreadPoolExecutor(
        SENDERS,
        SENDERS,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        task -> {
          Thread thread = new Thread(task, "podblueprint-events-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        (task, pool) -> LOG.debug("event queue full: an Event was dropped"));
  }

  void normal(PodBlueprint blueprint, String reason, String message) {
    record(blueprint, "Normal", reason, message);
  }

  void warning(PodBlueprint blueprint, String reason, String message) {
    record(blueprint, "Warning", reason, message);
  }

  private void record(PodBlueprint blueprint, String type, String reason, String message) {
    Instant at = clock.instant();
    var key = new EventSeries.Key(blueprint.getMetadata().getUid(), type, reason, message);
    EventSeries.Decision decision = series.next(key, at);
    if (decision instanceof EventSeries.Create) {
      Event event = event(blueprint, type, reason, message, at);
      sender.execute(() -> create(key, event));
    } else if (decision instanceof EventSeries.Count count) {
      sender.execute(() -> count(key, blueprint.getMetadata().getNamespace(), count));
    }
  }

  private static Event event(
      PodBlueprint blueprint, String type, String reason, String message, Instant at) {
    var metadata = blueprint.getMetadata();
    String now = at.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withGenerateName(metadata.getName() + ".")
        .withNamespace(metadata.getNamespace())
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(blueprint.getApiVersion())
                .withKind(blueprint.getKind())
                .withName(metadata.getName())
                .withNamespace(metadata.getNamespace())
                .withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion())
                .build())
        .withType(type)
        .withReason(reason)
        .withMessage(truncate(message))
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .build();
  }

  private void create(EventSeries.Key key, Event event) {
    try {
      WriteFence.check();
      Event created =
          client
              .v1()
              .events()
              .inNamespace(event.getMetadata().getNamespace())
              .resource(event)
              .create();
      series.created(key, created.getMetadata().getName());
    } catch (KubernetesClientException | IllegalStateException e) {
      series.forget(key);
      LOG.debugf(
          "could not record event %s on %s: %s",
          event.getReason(), event.getInvolvedObject().getName(), e.getMessage());
    }
  }

  /** Adds to the count of an Event sent before, as client-go does (a merge patch). */
  private void count(EventSeries.Key key, String namespace, EventSeries.Count count) {
    String last = count.at().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      WriteFence.check();
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(count.name())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"count\":%d,\"lastTimestamp\":\"%s\"}".formatted(count.count(), last));
    } catch (KubernetesClientException | IllegalStateException e) {
      // Gone (Events expire after an hour) or not written: the next occurrence starts anew.
      series.forget(key);
      LOG.debugf("could not count event %s: %s", count.name(), e.getMessage());
    }
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
