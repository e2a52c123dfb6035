package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** What to run (a pod template) and how to run it (the workload kind and its options). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.workload != 'CronJob' || (has(self.cronJob) && has(self.cronJob.schedule))",
    message = "spec.cronJob.schedule is required when spec.workload is CronJob",
    reason = "FieldValueRequired")
@ValidationRule(
    value =
        "self.workload != 'Deployment' || !has(self.template.spec.restartPolicy)"
            + " || self.template.spec.restartPolicy == 'Always'",
    message =
        "spec.template.spec.restartPolicy: a Deployment's pods must use Always (or leave it unset)",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!(self.workload in ['Job', 'CronJob']) || !has(self.template.spec.restartPolicy)"
            + " || self.template.spec.restartPolicy != 'Always'",
    message =
        "spec.template.spec.restartPolicy: a Job's pods must use Never or OnFailure (or leave it"
            + " unset for Never)",
    reason = "FieldValueInvalid")
public class PodBlueprintSpec {

  @JsonPropertyDescription(
      "How the pod template runs: Pod (one bare Pod), Deployment (replicated and self-healing),"
          + " Job (runs to completion) or CronJob (Jobs on a schedule). Defaults to Deployment.")
  @Default("Deployment")
  public WorkloadKind workload;

  @JsonPropertyDescription(
      "Number of pods for a Deployment. Leave it unset to let Kubernetes default it to 1 and to"
          + " let a HorizontalPodAutoscaler own it; the operator then never writes it.")
  @Min(0)
  public Integer replicas;

  @JsonPropertyDescription("Options of the Job (workload Job) or of the Jobs a CronJob creates.")
  public JobOptions job;

  @JsonPropertyDescription("Options of the CronJob (workload CronJob); schedule is required there.")
  public CronJobOptions cronJob;

  @JsonPropertyDescription(
      "The pods to run: labels, annotations and a full PodSpec, exactly as in a Deployment's"
          + " spec.template, so an existing Pod manifest can be pasted here.")
  @Required
  public PodTemplateSpec template;

  @JsonPropertyDescription(
      "An optional Service in front of the pods. It selects exactly this blueprint's pods."
          + " Remove it to delete the Service.")
  public ServiceOptions service;

  /** The workload kind, with the Kubernetes-style default applied. */
  public WorkloadKind workloadOrDefault() {
    return workload == null ? WorkloadKind.Deployment : workload;
  }
}
