package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What is actually happening, observed from the children and their pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodBlueprintStatus {
  @JsonPropertyDescription(
      "The metadata.generation this status describes. While it is behind metadata.generation"
          + " the operator has not yet acted on the latest spec.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "One word for the printer column: Pending, Progressing, Ready, Succeeded, Failed,"
          + " Degraded, Suspended, Invalid, or Finished (a Job or bare Pod that ran for this"
          + " generation and was deleted before its outcome was seen). Read the conditions for the"
          + " details.")
  public String phase;

  @JsonPropertyDescription("Ready pods over wanted pods, for example 2/2.")
  public String ready;

  @JsonPropertyDescription(
      "The reason of the first condition that is not as it should be, for kubectl get -o wide.")
  public String reason;

  @JsonPropertyDescription("The child that runs the pods: its apiVersion, kind and name.")
  public ChildReference workload;

  @JsonPropertyDescription("Pods the workload wants (a Deployment's replicas, 1 for a Pod).")
  public Integer replicas;

  @JsonPropertyDescription("Pods that are Ready.")
  public Integer readyReplicas;

  @JsonPropertyDescription(
      "Standard conditions: PodScheduled, Initialized, ContainersReady, Ready, Reconciling,"
          + " Stalled, and for Jobs Complete or Failed.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The metadata.generation for which the operator created the Job, or the bare Pod with"
          + " restartPolicy Never or OnFailure. It is not created again for that generation, even"
          + " when it is gone (deleted after its ttlSecondsAfterFinished, garbage-collected, or"
          + " deleted by hand): change the spec to run it again.")
  public Long runGeneration;

  @JsonPropertyDescription("Up to 10 of the blueprint's pods, the least healthy first.")
  public List<PodSummary> pods = new ArrayList<>();

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PodBlueprintStatus other)) {
      return false;
    }
    return Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(phase, other.phase)
        && Objects.equals(ready, other.ready)
        && Objects.equals(reason, other.reason)
        && Objects.equals(workload, other.workload)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(readyReplicas, other.readyReplicas)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(pods, other.pods)
        && Objects.equals(runGeneration, other.runGeneration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, phase, ready, reason, workload, conditions);
  }
}
