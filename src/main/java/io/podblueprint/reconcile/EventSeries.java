package io.podblueprint.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Events repeat one this process already sent, the way client-go's event correlator counts
 * them: the same blueprint, type, reason and message make one Event whose {@code count} and {@code
 * lastTimestamp} grow (`kubectl describe` shows "x4 over 12m"), not a new Event each time. The
 * count is written at most once per {@link #INTERVAL} per Event, so a refusal that lasts for hours
 * costs one write per interval, not one per recheck. Pure: the caller sends what it decides.
 */
final class EventSeries {
  static final Duration INTERVAL = Duration.ofMinutes(5);
  private static final int MAX_SERIES = 4096;

  /** What to do with an Event: create it, add to an existing one's count, or nothing yet. */
  sealed interface Decision {}

  record Create() implements Decision {}

  /** Patch the Event named {@code name} to {@code count} and lastTimestamp {@code at}. */
  record Count(String name, int count, Instant at) implements Decision {}

  record Hold() implements Decision {}

  record Key(String uid, String type, String reason, String message) {}

  private static final class Series {
    String name; // null until the create has answered
    int count = 1;
    int written = 1;
    Instant writtenAt;

    Series(Instant at) {
      this.writtenAt = at;
    }
  }

  private final Map<Key, Series> series =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Series> eldest) {
          return size() > MAX_SERIES;
        }
      };

  synchronized Decision next(Key key, Instant now) {
    Series s = series.get(key);
    if (s == null) {
      series.put(key, new Series(now));
      return new Create();
    }
    s.count++;
    if (s.name == null || Duration.between(s.writtenAt, now).compareTo(INTERVAL) < 0) {
      return new Hold();
    }
    s.written = s.count;
    s.writtenAt = now;
    return new Count(s.name, s.count, now);
  }

  /** The create of the key's Event answered with this name. */
  synchronized void created(Key key, String name) {
    Optional.ofNullable(series.get(key)).ifPresent(s -> s.name = name);
  }

  /** The key's Event is gone (expired on the server): the next one starts a new series. */
  synchronized void forget(Key key) {
    series.remove(key);
  }

  /** How many of the key's occurrences are not yet in the Event's count (for tests and logs). */
  synchronized int unwritten(Key key) {
    Series s = series.get(key);
    return s == null ? 0 : s.count - s.written;
  }
}
