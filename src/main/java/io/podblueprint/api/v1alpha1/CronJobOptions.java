package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The batch/v1 CronJobSpec fields a blueprint may set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CronJobOptions {
  /** Five cron fields, or one of the @-macros Kubernetes accepts. */
  public static final String SCHEDULE_PATTERN =
      "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|\\S+( +\\S+){4})$";

  @JsonPropertyDescription(
      "The schedule in cron format: five fields (minute hour day-of-month month day-of-week),"
          + " for example \"*/5 * * * *\", or a macro such as @hourly. Required for a CronJob.")
  @Pattern(SCHEDULE_PATTERN)
  public String schedule;

  @JsonPropertyDescription(
      "IANA time zone of the schedule, for example Europe/Paris. Unset means the"
          + " kube-controller-manager's time zone.")
  public String timeZone;

  @JsonPropertyDescription(
      "Seconds after a missed start time during which the Job may still be started.")
  @Min(0)
  public Long startingDeadlineSeconds;

  @JsonPropertyDescription(
      "What to do when a run is due while the previous one still runs: Allow (default),"
          + " Forbid (skip the new run) or Replace (stop the old run).")
  public ConcurrencyPolicy concurrencyPolicy;

  @JsonPropertyDescription(
      "Suspend future runs; running Jobs are not stopped. The blueprint then reports Suspended.")
  public Boolean suspend;

  @JsonPropertyDescription("How many successful Jobs to keep. Kubernetes defaults it to 3.")
  @Min(0)
  public Integer successfulJobsHistoryLimit;

  @JsonPropertyDescription("How many failed Jobs to keep. Kubernetes defaults it to 1.")
  @Min(0)
  public Integer failedJobsHistoryLimit;

  /** The CronJob concurrency policies of batch/v1. */
  public enum ConcurrencyPolicy {
    Allow,
    Forbid,
    Replace
  }
}
