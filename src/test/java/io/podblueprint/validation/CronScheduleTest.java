package io.podblueprint.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The schedule grammar of the CronJob controller: bounds, names, ranges and steps. */
@Tag("unit")
class CronScheduleTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 0 1 1 0",
        "59 23 31 12 6",
        "*/15 9-17 * * mon-fri",
        "0 0 * jan,jul SUN",
        "5/10 * * * *",
        "0-30/5 ? ? * *",
        "0 12 1-7,15 * *"
      })
  void accepts(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "60 * * * *|the minute field \"60\" has 60, which is out of range: use 0-59",
        "0 25 * * *|the hour field \"25\" has 25, which is out of range: use 0-23",
        "0 0 0 * *|the day-of-month field \"0\" has 0, which is out of range: use 1-31",
        "0 0 * 13 *|the month field \"13\" has 13, which is out of range: use 1-12 or JAN-DEC",
        "0 0 * * 7|the day-of-week field \"7\" has 7, which is out of range: use 0-6 or SUN-SAT",
        "0 9 * * Monday|the day-of-week field \"Monday\" has \"Monday\", which is not a value:"
            + " use 0-6 or SUN-SAT",
        // A range names the end that is out of range, also when the other end is on a bound.
        "0 0 1-32 * *|the day-of-month field \"1-32\" has 32, which is out of range: use 1-31",
        "59-60 * * * *|the minute field \"59-60\" has 60, which is out of range: use 0-59",
        "0 0 0-5 * *|the day-of-month field \"0-5\" has 0, which is out of range: use 1-31",
        "0 9-5 * * *|the hour field \"9-5\" has the range \"9-5\", whose start is after its end",
        "*/0 * * * *|the minute field \"*/0\" has a step \"0\" that is not a positive number",
        "0 0 1,,2 * *|the day-of-month field \"1,,2\" is not a list of values, ranges (a-b) and"
            + " steps (*/n): \"\" is not",
        "*-5 * * * *|the minute field \"*-5\" has \"*-5\": '*' cannot start a range",
        "99999999999 * * * *|the minute field \"99999999999\" has 2147483647, which is out of"
            + " range: use 0-59"
      })
  void refusesNamingTheFieldAndTheBounds(String schedule, String problem) {
    assertThat(CronSchedule.problem(schedule)).contains(problem);
  }
}
