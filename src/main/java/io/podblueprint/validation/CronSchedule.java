package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.quoted;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as the Kubernetes CronJob controller parses it (the standard five-field cron
 * syntax): each field is a comma-separated list of {@code *}, {@code ?}, a value or a range {@code
 * a-b}, each with an optional {@code /step}; values within the field's bounds, months and days of
 * the week also by their three-letter English names. Or one of the macros.
 */
final class CronSchedule {
  static final List<String> MACROS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern FIVE_FIELDS = Pattern.compile("\\S+( +\\S+){4}");
  private static final Pattern PART = Pattern.compile("([^-/]+)(?:-([^-/]+))?(?:/([^/]*))?");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, List.of(), 0),
          new Field("hour", 0, 23, List.of(), 0),
          new Field("day-of-month", 1, 31, List.of(), 0),
          new Field("month", 1, 12, MONTHS, 1),
          new Field("day-of-week", 0, 6, DAYS, 0));
  private static final String SHAPE =
      "use five space-separated fields (minute hour day-of-month month day-of-week), for"
          + " example \"*/5 * * * *\", or one of "
          + String.join(", ", MACROS);

  private CronSchedule() {}

  /** One of the five fields: its bounds and, for months and weekdays, the names it accepts. */
  private record Field(String name, int min, int max, List<String> names, int firstName) {
    String bounds() {
      String range = min + "-" + max;
      return names.isEmpty()
          ? range
          : range + " or " + names.get(0).toUpperCase(Locale.ROOT) + "-" + last();
    }

    private String last() {
      return names.get(names.size() - 1).toUpperCase(Locale.ROOT);
    }

    /** The value of a number or name, or null when it is neither. */
    Integer value(String text) {
      if (NUMBER.matcher(text).matches()) {
        return text.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(text);
      }
      int index = names.indexOf(text.toLowerCase(Locale.ROOT));
      return index < 0 ? null : index + firstName;
    }
  }

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
      Optional<String> problem = field(FIELDS.get(i), fields[i]);
      if (problem.isPresent()) {
        return Optional.of("the " + FIELDS.get(i).name() + " field " + problem.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> field(Field field, String text) {
    for (String part : text.split(",", -1)) {
      Optional<String> problem = part(field, part);
      if (problem.isPresent()) {
        return Optional.of(quoted(text) + " " + problem.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> part(Field field, String part) {
    Matcher m = PART.matcher(part);
    if (!m.matches()) {
      return Optional.of(
          "is not a list of values, ranges (a-b) and steps (*/n): " + quoted(part) + " is not");
    }
    String start = m.group(1);
    String end = m.group(2);
    String step = m.group(3);
    if (step != null && !(NUMBER.matcher(step).matches() && Integer.parseInt(step) > 0)) {
      return Optional.of("has a step " + quoted(step) + " that is not a positive number");
    }
    if (start.equals("*") || start.equals("?")) {
      return end == null
          ? Optional.empty()
          : Optional.of("has " + quoted(part) + ": '*' cannot start a range");
    }
    Integer from = field.value(start);
    Integer to = end == null ? from : field.value(end);
    String bad = from == null ? start : to == null ? end : null;
    if (bad != null) {
      return Optional.of("has " + quoted(bad) + ", which is not a value: use " + field.bounds());
    }
    if (from < field.min() || to > field.max()) {
      int outside = from < field.min() || from > field.max() ? from : to;
      return Optional.of("has " + outside + ", which is out of range: use " + field.bounds());
    }
    if (from > to) {
      return Optional.of("has the range " + quoted(part) + ", whose start is after its end");
    }
    return Optional.empty();
  }
}
