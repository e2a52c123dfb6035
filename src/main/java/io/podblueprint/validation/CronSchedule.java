package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.quoted;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shape of a CronJob schedule: five cron fields or one of the macros Kubernetes accepts. */
final class CronSchedule {
  static final List<String> MACROS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  static final List<String> FIELDS =
      List.of("minute", "hour", "day-of-month", "month", "day-of-week");
  private static final Pattern FIVE_FIELDS = Pattern.compile("\\S+( +\\S+){4}");
  private static final Pattern FIELD_CHARS = Pattern.compile("[0-9*/,\\-?A-Za-z]+");
  private static final String SHAPE =
      "use five space-separated fields (minute hour day-of-month month day-of-week), for"
          + " example \"*/5 * * * *\", or one of "
          + String.join(", ", MACROS);

  private CronSchedule() {}

  /** Why the schedule is not usable, or empty when it is. */
  static Optional<String> problem(String schedule) {
    if (schedule.startsWith("@")) {
      return MACROS.contains(schedule)
          ? Optional.empty()
          : Optional.of(quoted(schedule) + " is not a known macro: " + SHAPE);
    }
    if (!FIVE_FIELDS.matcher(schedule).matches()) {
      return Optional.of(quoted(schedule) + " is not a valid schedule: " + SHAPE);
    }
    String[] fields = schedule.split(" +");
    for (int i = 0; i < fields.length; i++) {
      if (!FIELD_CHARS.matcher(fields[i]).matches()) {
        return Optional.of(
            "the "
                + FIELDS.get(i)
                + " field "
                + quoted(fields[i])
                + " may only hold digits, names such as MON or JAN, and '*', '/', ',', '-'"
                + " or '?'");
      }
    }
    return Optional.empty();
  }
}
