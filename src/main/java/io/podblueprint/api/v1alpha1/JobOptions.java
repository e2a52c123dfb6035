package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** The batch/v1 JobSpec fields a blueprint may set; unset fields take Kubernetes' defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobOptions {
  @JsonPropertyDescription(
      "How many pods must finish successfully. Unset means one pod (Kubernetes' default).")
  @Min(0)
  public Integer completions;

  @JsonPropertyDescription("How many pods may run at once. Kubernetes defaults it to 1.")
  @Min(0)
  public Integer parallelism;

  @JsonPropertyDescription(
      "How many retries before the Job is marked Failed (reason BackoffLimitExceeded)."
          + " Kubernetes defaults it to 6.")
  @Min(0)
  public Integer backoffLimit;

  @JsonPropertyDescription(
      "Seconds the Job may be active before it is failed with reason DeadlineExceeded.")
  @Min(1)
  public Long activeDeadlineSeconds;

  @JsonPropertyDescription(
      "Seconds after the Job finishes before Kubernetes deletes it. While the blueprint exists"
          + " the operator does not recreate a finished Job that was cleaned up this way.")
  @Min(0)
  public Integer ttlSecondsAfterFinished;
}
