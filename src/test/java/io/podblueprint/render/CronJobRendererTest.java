package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CronJobRendererTest {
  private static CronJob render(String options) {
    return CronJobRenderer.render(Blueprints.simple("nightly", WorkloadKind.CronJob, options));
  }

  @Test
  void cronJobOptionsAreMapped() {
    CronJobSpec spec =
        render(
                """
                cronJob:
                  schedule: "0 3 * * *"
                  timeZone: Europe/Paris
                  startingDeadlineSeconds: 120
                  concurrencyPolicy: Forbid
                  suspend: true
                  successfulJobsHistoryLimit: 5
                  failedJobsHistoryLimit: 2
                job:
                  backoffLimit: 1
                  activeDeadlineSeconds: 300
                """)
            .getSpec();
    assertThat(spec.getSchedule()).isEqualTo("0 3 * * *");
    assertThat(spec.getTimeZone()).isEqualTo("Europe/Paris");
    assertThat(spec.getStartingDeadlineSeconds()).isEqualTo(120L);
    assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(spec.getSuspend()).isTrue();
    assertThat(spec.getSuccessfulJobsHistoryLimit()).isEqualTo(5);
    assertThat(spec.getFailedJobsHistoryLimit()).isEqualTo(2);
    assertThat(spec.getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(1);
    assertThat(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
  }

  @Test
  void unsetOptionsAreLeftToKubernetes() {
    CronJobSpec spec = render("cronJob:\n  schedule: \"@hourly\"\n").getSpec();
    assertThat(spec.getSchedule()).isEqualTo("@hourly");
    assertThat(spec.getTimeZone()).isNull();
    assertThat(spec.getConcurrencyPolicy()).isNull();
    assertThat(spec.getSuspend()).isNull();
    assertThat(spec.getSuccessfulJobsHistoryLimit()).isNull();
    assertThat(spec.getJobTemplate().getSpec().getBackoffLimit()).isNull();
  }

  @Test
  void jobsAndTheirPodsCarryTheBlueprintsLabels() {
    CronJob cron = render("cronJob:\n  schedule: \"@hourly\"\n");
    assertThat(cron.getSpec().getJobTemplate().getMetadata().getLabels())
        .isEqualTo(cron.getMetadata().getLabels())
        .containsEntry(Labels.BLUEPRINT, "nightly");
    assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(cron.getMetadata().getLabels());
  }

  @Test
  void podsRestartNeverByDefault() {
    CronJob cron = render("cronJob:\n  schedule: \"@hourly\"\n");
    assertThat(Workloads.podSpec(cron).getRestartPolicy()).isEqualTo("Never");
  }
}
