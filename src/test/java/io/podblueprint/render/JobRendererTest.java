package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class JobRendererTest {
  @Test
  void jobOptionsAreMapped() {
    Job job =
        JobRenderer.render(
            Blueprints.simple(
                "batch",
                WorkloadKind.Job,
                """
                job:
                  completions: 5
                  parallelism: 2
                  backoffLimit: 4
                  activeDeadlineSeconds: 600
                  ttlSecondsAfterFinished: 3600
                """));
    JobSpec spec = job.getSpec();
    assertThat(spec.getCompletions()).isEqualTo(5);
    assertThat(spec.getParallelism()).isEqualTo(2);
    assertThat(spec.getBackoffLimit()).isEqualTo(4);
    assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(600L);
    assertThat(spec.getTtlSecondsAfterFinished()).isEqualTo(3600);
  }

  @Test
  void unsetOptionsAreLeftToKubernetes() {
    JobSpec spec = JobRenderer.render(Blueprints.simple("batch", WorkloadKind.Job)).getSpec();
    assertThat(spec.getCompletions()).isNull();
    assertThat(spec.getParallelism()).isNull();
    assertThat(spec.getBackoffLimit()).isNull();
    assertThat(spec.getActiveDeadlineSeconds()).isNull();
    assertThat(spec.getTtlSecondsAfterFinished()).isNull();
  }

  @Test
  void kubernetesPicksTheSelector() {
    JobSpec spec = JobRenderer.render(Blueprints.simple("batch", WorkloadKind.Job)).getSpec();
    assertThat(spec.getSelector()).isNull();
    assertThat(spec.getManualSelector()).isNull();
    assertThat(spec.getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.BLUEPRINT, "batch");
  }

  @Test
  void restartPolicyDefaultsToNeverAndOnFailureIsKept() {
    Job never = JobRenderer.render(Blueprints.simple("batch", WorkloadKind.Job));
    assertThat(never.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    Job onFailure =
        JobRenderer.render(
            Blueprints.named(
                "batch",
                "workload: Job\ntemplate:\n  spec:\n    restartPolicy: OnFailure\n"
                    + "    containers:\n    - {name: a, image: b}\n"));
    assertThat(onFailure.getSpec().getTemplate().getSpec().getRestartPolicy())
        .isEqualTo("OnFailure");
  }
}
