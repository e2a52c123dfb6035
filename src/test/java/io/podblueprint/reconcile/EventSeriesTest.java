package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Repeats of an Event become one Event with a count, written at most every five minutes. */
@Tag("unit")
class EventSeriesTest {
  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final EventSeries.Key REFUSED =
      new EventSeries.Key("uid-1", "Warning", "ChildRefused", "Pod web exists");

  @Test
  void aNewEventIsCreatedAndItsRepeatsAreCountedOncePerInterval() {
    EventSeries series = new EventSeries();
    assertThat(series.next(REFUSED, T0)).isEqualTo(new EventSeries.Create());
    series.created(REFUSED, "web.1");
    assertThat(series.next(REFUSED, T0.plusSeconds(60))).isEqualTo(new EventSeries.Hold());
    assertThat(series.next(REFUSED, T0.plusSeconds(120))).isEqualTo(new EventSeries.Hold());
    assertThat(series.unwritten(REFUSED)).isEqualTo(2);
    Instant later = T0.plus(EventSeries.INTERVAL);
    assertThat(series.next(REFUSED, later)).isEqualTo(new EventSeries.Count("web.1", 4, later));
    assertThat(series.unwritten(REFUSED)).isZero();
    assertThat(series.next(REFUSED, later.plusSeconds(60))).isEqualTo(new EventSeries.Hold());
  }

  @Test
  void repeatsBeforeTheCreateHasAnsweredWaitForIt() {
    EventSeries series = new EventSeries();
    series.next(REFUSED, T0);
    Instant later = T0.plus(EventSeries.INTERVAL).plusSeconds(1);
    assertThat(series.next(REFUSED, later)).isEqualTo(new EventSeries.Hold());
    series.created(REFUSED, "web.1");
    assertThat(series.next(REFUSED, later)).isEqualTo(new EventSeries.Count("web.1", 3, later));
  }

  @Test
  void anotherMessageTypeOrBlueprintIsAnotherEvent() {
    EventSeries series = new EventSeries();
    series.next(REFUSED, T0);
    series.created(REFUSED, "web.1");
    for (EventSeries.Key other :
        new EventSeries.Key[] {
          new EventSeries.Key("uid-1", "Warning", "ChildRefused", "Service web exists"),
          new EventSeries.Key("uid-1", "Normal", "ChildRefused", "Pod web exists"),
          new EventSeries.Key("uid-1", "Warning", "Unschedulable", "Pod web exists"),
          new EventSeries.Key("uid-2", "Warning", "ChildRefused", "Pod web exists")
        }) {
      assertThat(series.next(other, T0.plusSeconds(1)))
          .as("%s", other)
          .isEqualTo(new EventSeries.Create());
    }
  }

  @Test
  void aForgottenEventStartsANewSeries() {
    EventSeries series = new EventSeries();
    series.next(REFUSED, T0);
    series.created(REFUSED, "web.1");
    series.forget(REFUSED);
    assertThat(series.next(REFUSED, T0.plusSeconds(1))).isEqualTo(new EventSeries.Create());
  }
}
