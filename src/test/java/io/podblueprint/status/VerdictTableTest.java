package io.podblueprint.status;

import static io.podblueprint.status.Fixtures.BEFORE;
import static io.podblueprint.status.Fixtures.GENERATION;
import static io.podblueprint.status.Fixtures.POD_SECURITY;
import static io.podblueprint.status.Fixtures.UNSCHEDULABLE;
import static io.podblueprint.status.Fixtures.readyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.podblueprint.clients.Agreement;
import io.podblueprint.clients.Clients;
import io.podblueprint.cluster.Crds;
import io.podblueprint.cluster.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of verdicts: every state the operator writes, as a real API server serves it, read by
 * cli-utils' kstatus, by Argo CD's own evaluator with the shipped health check, and by {@code
 * kubectl wait --for=condition=Ready} (Complete for a Job). They agree: Current is Healthy (or
 * Suspended), InProgress is Progressing, Failed is Degraded, and kubectl wait returns exactly when
 * kstatus says Current. No settled blueprint reads InProgress. The table is written to
 * target/verdict-table.md; the README's status reference shows it.
 */
@Tag("cluster")
@EnableKubeAPIServer
class VerdictTableTest {
  static KubernetesClient client;
  @KubeConfig static String kubeConfigYaml;
  static Path kubeconfig;
  static final List<String> TABLE = new ArrayList<>();

  /** Where the blueprint is: not yet seen by the operator, as it wrote it, or changed since. */
  enum Stage {
    NOT_YET_OBSERVED,
    WRITTEN,
    SPEC_CHANGED
  }

  /** One state: how the operator gets there, and what every reader must say of it. */
  record Row(
      String name,
      WorkloadKind kind,
      Observation observed,
      Stage stage,
      String phase,
      String kstatus,
      String argoCd) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(
      String name,
      WorkloadKind kind,
      Observation observed,
      String phase,
      String kstatus,
      String argoCd) {
    return new Row(name, kind, observed, Stage.WRITTEN, phase, kstatus, argoCd);
  }

  static List<Row> states() {
    var deploymentRollingOut =
        Fixtures.deployment(2, Fixtures.deploymentStatus(GENERATION, 3, 1, 2));
    var deploymentBehind =
        Fixtures.deployment(2, Fixtures.deploymentStatus(GENERATION - 1, 2, 2, 2));
    var deadline =
        Fixtures.deployment(
            1,
            Fixtures.deploymentStatus(
                GENERATION,
                1,
                1,
                0,
                Fixtures.deploymentCondition(
                    "Progressing",
                    "False",
                    "ProgressDeadlineExceeded",
                    "ReplicaSet \"web-7f9c6d8b5\" has timed out progressing.")));
    var replicaFailure =
        Fixtures.deployment(
            1,
            Fixtures.deploymentStatus(
                GENERATION,
                0,
                0,
                0,
                Fixtures.deploymentCondition(
                    "ReplicaFailure", "True", "FailedCreate", POD_SECURITY)));
    List<Job> succeededRun = List.of(Fixtures.job("web-28950005", BEFORE, Fixtures.jobComplete()));
    List<Job> failedRun =
        List.of(Fixtures.job("web-28950005", BEFORE, Fixtures.jobBackoffLimitExceeded()));
    var D = WorkloadKind.Deployment;
    var P = WorkloadKind.Pod;
    var J = WorkloadKind.Job;
    var C = WorkloadKind.CronJob;
    return List.of(
        // The schema's status default (observedGeneration 0) until the operator's first write.
        new Row(
            "not-yet-observed", D, null, Stage.NOT_YET_OBSERVED, null, "InProgress", "Progressing"),
        row("creating", D, Fixtures.observe(null), "Pending", "InProgress", "Progressing"),
        row(
            "deployment-rolling-out",
            D,
            Fixtures.observe(
                deploymentRollingOut, readyPod("web-1"), Fixtures.startingPod("web-2")),
            "Progressing",
            "InProgress",
            "Progressing"),
        row(
            "deployment-not-yet-observed",
            D,
            Fixtures.observe(deploymentBehind, readyPod("web-1"), readyPod("web-2")),
            "Progressing",
            "InProgress",
            "Progressing"),
        row(
            "deployment-ready",
            D,
            Fixtures.observe(Fixtures.availableDeployment(2), readyPod("web-1"), readyPod("web-2")),
            "Ready",
            "Current",
            "Healthy"),
        row(
            "deployment-image-pull-back-off",
            D,
            Fixtures.observe(
                deploymentRollingOut, readyPod("web-1"), Fixtures.imagePullBackOffPod("web-2")),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "deployment-progress-deadline",
            D,
            Fixtures.observe(deadline),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "deployment-failed-create",
            D,
            Fixtures.observe(replicaFailure),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "pod-unschedulable",
            P,
            Fixtures.observe(
                Fixtures.unschedulablePod("web", UNSCHEDULABLE),
                Fixtures.unschedulablePod("web", UNSCHEDULABLE)),
            "Pending",
            "InProgress",
            "Progressing"),
        row(
            "pod-starting",
            P,
            Fixtures.observe(Fixtures.startingPod("web"), Fixtures.startingPod("web")),
            "Pending",
            "InProgress",
            "Progressing"),
        row(
            "pod-ready",
            P,
            Fixtures.observe(readyPod("web"), readyPod("web")),
            "Ready",
            "Current",
            "Healthy"),
        row(
            "pod-crash-loop-back-off",
            P,
            Fixtures.observe(Fixtures.crashLoopPod("web"), Fixtures.crashLoopPod("web")),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "pod-init-crash-loop-back-off",
            P,
            Fixtures.observe(Fixtures.initCrashLoopPod("web"), Fixtures.initCrashLoopPod("web")),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "pod-config-error",
            P,
            Fixtures.observe(Fixtures.configErrorPod("web"), Fixtures.configErrorPod("web")),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "pod-oom-killed",
            P,
            Fixtures.observe(Fixtures.oomKilledPod("web"), Fixtures.oomKilledPod("web")),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "pod-succeeded",
            P,
            Fixtures.observe(Fixtures.succeededPod("web"), Fixtures.succeededPod("web")),
            "Succeeded",
            "Current",
            "Healthy"),
        row(
            "pod-failed",
            P,
            Fixtures.observe(Fixtures.failedPod("web", 2), Fixtures.failedPod("web", 2)),
            "Failed",
            "Failed",
            "Degraded"),
        row(
            "job-running",
            J,
            Fixtures.observe(
                Fixtures.job("web", BEFORE, Fixtures.jobStatus(1, 0, 0)),
                Fixtures.startingPod("web-a")),
            "Pending",
            "InProgress",
            "Progressing"),
        row(
            "job-retrying-a-failed-pod",
            J,
            Fixtures.observe(
                Fixtures.job("web", BEFORE, Fixtures.jobStatus(1, 0, 1)),
                Fixtures.failedPod("web-a", 1),
                Fixtures.startingPod("web-b")),
            "Degraded",
            "InProgress",
            "Progressing"),
        row(
            "job-complete",
            J,
            Fixtures.observe(
                Fixtures.job("web", BEFORE, Fixtures.jobComplete()),
                Fixtures.succeededPod("web-a")),
            "Succeeded",
            "Current",
            "Healthy"),
        row(
            "job-backoff-limit-exceeded",
            J,
            Fixtures.observe(
                Fixtures.job("web", BEFORE, Fixtures.jobBackoffLimitExceeded()),
                Fixtures.failedPod("web-a", 1)),
            "Failed",
            "Failed",
            "Degraded"),
        row(
            "job-deadline-exceeded",
            J,
            Fixtures.observe(Fixtures.job("web", BEFORE, Fixtures.jobDeadlineExceeded())),
            "Failed",
            "Failed",
            "Degraded"),
        row(
            "cronjob-scheduled",
            C,
            Fixtures.observeCronJob(Fixtures.cronJob(false), List.of()),
            "Ready",
            "Current",
            "Healthy"),
        row(
            "cronjob-last-run-succeeded",
            C,
            Fixtures.observeCronJob(Fixtures.cronJob(false), succeededRun),
            "Ready",
            "Current",
            "Healthy"),
        row(
            "cronjob-last-run-failed",
            C,
            Fixtures.observeCronJob(
                Fixtures.cronJob(false), failedRun, Fixtures.failedPod("web-28950005-q", 1)),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "cronjob-suspended",
            C,
            Fixtures.observeCronJob(Fixtures.cronJob(true), List.of()),
            "Suspended",
            "Current",
            "Suspended"),
        row(
            "invalid-spec",
            D,
            Fixtures.observe(
                Fixtures.availableDeployment(1),
                ApplyReport.invalid(
                    List.of("spec.template.spec.containers[0].image: must not be empty")),
                readyPod("web-1")),
            "Invalid",
            "Failed",
            "Degraded"),
        row(
            "child-refused",
            D,
            Fixtures.observe(
                null,
                ApplyReport.refused(Reasons.CHILD_REFUSED, "Deployment web: " + POD_SECURITY)),
            "Degraded",
            "Failed",
            "Degraded"),
        row(
            "replacing",
            P,
            Fixtures.observe(null, ApplyReport.replacing("Pod web")),
            "Pending",
            "InProgress",
            "Progressing"),
        new Row(
            "spec-changed-not-yet-reconciled",
            D,
            Fixtures.observe(Fixtures.availableDeployment(2), readyPod("web-1"), readyPod("web-2")),
            Stage.SPEC_CHANGED,
            "Ready",
            "InProgress",
            "Progressing"));
  }

  @BeforeAll
  static void setUp() throws IOException {
    Crds.install(client);
    kubeconfig = Files.createTempFile("verdict-table", ".kubeconfig");
    Files.writeString(kubeconfig, kubeConfigYaml);
    TABLE.add(
        "| state | kind | phase | Ready | Reconciling | Stalled | kstatus | Argo CD | kubectl wait |");
    TABLE.add("|---|---|---|---|---|---|---|---|---|");
  }

  @AfterAll
  static void writeTable() throws IOException {
    Files.deleteIfExists(kubeconfig);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "verdict-table.md"), TABLE);
    System.out.println(String.join("\n", TABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void everyReaderAgrees(Row row) {
    PodBlueprint live = serve(row);
    String json =
        Kubectl.run(
                "--kubeconfig",
                kubeconfig.toString(),
                "get",
                "podblueprint",
                row.name(),
                "-n",
                "default",
                "-o",
                "json")
            .orFail()
            .output();
    String kstatus = Clients.kstatus(json).get(0).status();
    Clients.Verdict argoCd = Clients.argocd(json).get(0);
    String waitFor =
        row.kind() == WorkloadKind.Job ? ConditionTypes.COMPLETE : ConditionTypes.READY;
    Kubectl.Result wait =
        Kubectl.run(
            "--kubeconfig",
            kubeconfig.toString(),
            "wait",
            "podblueprint/" + row.name(),
            "-n",
            "default",
            "--for=condition=" + waitFor,
            "--timeout=0s");
    boolean met = wait.exitCode() == 0;
    TABLE.add(
        String.format(
            "| %s | %s | %s | %s | %s | %s | %s | %s | %s |",
            row.name(),
            row.kind(),
            live.getStatus().phase == null ? "(none)" : live.getStatus().phase,
            condition(live, ConditionTypes.READY),
            condition(live, ConditionTypes.RECONCILING),
            condition(live, ConditionTypes.STALLED),
            kstatus,
            argoCd.status(),
            waitFor + (met ? ": returns" : ": waits")));

    assertThat(live.getStatus().phase).as("phase").isEqualTo(row.phase());
    assertThat(kstatus).as("kstatus").isEqualTo(row.kstatus());
    assertThat(argoCd.status()).as("Argo CD (%s)", argoCd.message()).isEqualTo(row.argoCd());
    assertThat(Agreement.argoCdFor(kstatus))
        .as("Argo CD agrees with kstatus")
        .contains(argoCd.status());
    assertThat(met)
        .as(
            "kubectl wait --for=condition=%s returns exactly when kstatus says Current:\n%s",
            waitFor, wait.output())
        .isEqualTo(kstatus.equals("Current"));
  }

  /**
   * Creates the blueprint, then (unless the operator has not seen it yet) writes the status the
   * operator would, through the status subresource.
   */
  static PodBlueprint serve(Row row) {
    PodBlueprint blueprint = Fixtures.blueprint(row.kind());
    blueprint.getMetadata().setName(row.name());
    blueprint.getMetadata().setGeneration(null);
    PodBlueprint created = client.resource(blueprint).inNamespace("default").create();
    if (row.stage() == Stage.NOT_YET_OBSERVED) {
      return created;
    }
    created.setStatus(StatusAggregator.aggregate(created, row.observed(), Fixtures.NOW));
    PodBlueprint written = client.resource(created).inNamespace("default").updateStatus();
    if (row.stage() == Stage.SPEC_CHANGED) {
      written =
          client
              .resources(PodBlueprint.class)
              .inNamespace("default")
              .withName(row.name())
              .edit(
                  bp -> {
                    bp.getSpec().replicas = 3;
                    return bp;
                  });
    }
    return written;
  }

  static String condition(PodBlueprint blueprint, String type) {
    return Conditions.find(blueprint.getStatus(), type)
        .map(c -> c.getStatus() + (c.getReason() == null ? "" : " " + c.getReason()))
        .orElse("-");
  }
}
